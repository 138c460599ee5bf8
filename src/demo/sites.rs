//! The demo's synthetic web: job boards with recruitment lures in six languages, two
//! investment-fraud sites, an honest job board and a news site warning about the scams. The
//! lure boards share a Telegram recruiter and a deposit address; the fraud sites share another
//! address. Everything here was written for lurewatch; the addresses are valid test values.

/// The USDT (TRC20) "deposit" the lure boards ask recruits for.
pub const LURE_WALLET: &str = "TYQZaJEZiFsiGzPdj7HjV4NsTmeywhiML8";
/// The deposit address both fraud platforms use.
pub const FRAUD_WALLET: &str = "TZ6hcdqWo9MgLT9bBdU6Y7tofcDpEFveGf";
/// The recruiter the lure boards share.
pub const RECRUITER: &str = "kh_hr_center88";

/// One site: its made-up host name and its pages (path, content type, body).
pub struct Site {
    /// Host name (resolved to loopback by the demo).
    pub name: &'static str,
    /// What the demo expects its pages to be.
    pub kind: &'static str,
    /// Path, content type, body.
    pub pages: Vec<(&'static str, &'static str, String)>,
}

fn html(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">Home</a></nav><main>{body}</main></body></html>"
    )
}

/// The lure board's list of ads, with `newer` ones added.
fn board_index(newer: &str) -> String {
    html(
        "해외 고수익 일자리 | 海外高薪",
        &format!(
            "<h1>해외 고수익 일자리</h1><ul>\
             <li><a href=\"/job/ko\">캄보디아 고객상담 모집</a></li>\
             <li><a href=\"/job/zh\">西港高薪诚聘客服</a></li>\
             <li><a href=\"/job/th\">งานกัมพูชา เงินเดือนสูง</a></li>{newer}\
             <li><a href=\"/admin/login\">관리자</a></li></ul>"
        ),
    )
}

fn robots(disallow: &str) -> (&'static str, &'static str, String) {
    (
        "/robots.txt",
        "text/plain",
        format!("User-agent: *\nDisallow: {disallow}\nSitemap: /sitemap.xml\n"),
    )
}

fn sitemap(host: &str, port_marker: &str, paths: &[&str]) -> (&'static str, &'static str, String) {
    let urls: String = paths
        .iter()
        .map(|path| format!("<url><loc>http://{host}{port_marker}{path}</loc></url>"))
        .collect();
    (
        "/sitemap.xml",
        "application/xml",
        format!("<?xml version=\"1.0\"?><urlset>{urls}</urlset>"),
    )
}

/// The sites. `{PORT}` in a body is replaced by the site's port when served.
pub fn sites() -> Vec<Site> {
    vec![
        Site {
            name: "kh-jobs.demo",
            kind: "lure board",
            pages: vec![
                robots("/admin/"),
                sitemap(
                    "kh-jobs.demo",
                    ":{PORT}",
                    &["/", "/job/ko", "/job/zh", "/job/th"],
                ),
                ("/", "text/html", board_index("")),
                (
                    "/job/ko",
                    "text/html",
                    html(
                        "캄보디아 시아누크빌 고객상담 직원 모집 | 월 500만원",
                        &format!(
                            "<h1>캄보디아 시아누크빌 고객상담 직원 모집</h1>\
                    <p>월급 500만원 이상 보장 + 인센티브. 경력 무관, 학력 무관! 타자만 칠 수 있으면 됩니다.</p>\
                    <p>왕복 항공권, 비자, 숙소, 식사 모두 회사 부담. 나이 20~35세. 여권만 준비하세요.</p>\
                    <p>빚이 있어도 괜찮습니다. 선불금 지급 가능. 감금 없음, 안전 보장.</p>\
                    <p>문의는 텔레그램으로만: @{RECRUITER} · 보증금 USDT(TRC20) 주소 {LURE_WALLET}</p>"
                        ),
                    ),
                ),
                (
                    "/job/zh",
                    "text/html",
                    html(
                        "西港高薪诚聘网络客服 月薪两万 包吃包住",
                        &format!(
                            "<h1>柬埔寨西港 诚聘网络客服</h1>\
                    <p>月薪15000-20000元，包吃包住，报销机票，公司办理签证。无需经验，会打字即可，打字速度每分钟40字以上。</p>\
                    <p>年龄18-35岁，名额有限，马上出发！可预支工资，帮还网贷。</p>\
                    <p>联系方式：飞机 Telegram @{RECRUITER}，押金请转 USDT TRC20：{LURE_WALLET}</p>"
                        ),
                    ),
                ),
                (
                    "/job/th",
                    "text/html",
                    html(
                        "งานกัมพูชา เงินเดือนสูง 50,000 บาท",
                        &format!(
                            "<h1>รับสมัครพนักงานแอดมินออนไลน์ ทำงานที่กัมพูชา</h1>\
                    <p>เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ พิมพ์ดีดได้ก็พอ มีที่พักและอาหารฟรี ออกค่าตั๋วเครื่องบินให้</p>\
                    <p>อายุ 18-35 ปี เดินทางได้ทันที ติดต่อทางเทเลแกรมเท่านั้น @{RECRUITER}</p>"
                        ),
                    ),
                ),
                // Published later (paths with `+`): the demo's second crawl finds them.
                (
                    "+/",
                    "text/html",
                    board_index(
                        "<li><a href=\"/job/ja\">NEW 海外高収入</a></li>\
                         <li><a href=\"/job/myawaddy\">NEW Thailand border office</a></li>",
                    ),
                ),
                (
                    "+/job/ja",
                    "text/html",
                    html(
                        "カンボジア 高収入 カスタマーサポート 月給50万円",
                        &format!(
                            "<h1>カンボジアでカスタマーサポート募集</h1>\
                    <p>月給50万円以上、未経験歓迎、タイピングができればOK。渡航費・ビザ・寮・食事はすべて会社負担。</p>\
                    <p>年齢20〜35歳。すぐに出発できる方。借金があっても大丈夫、給料の前払い可能。</p>\
                    <p>連絡はテレグラムのみ @{RECRUITER}</p>"
                        ),
                    ),
                ),
                (
                    "+/job/myawaddy",
                    "text/html",
                    html(
                        "Online sales team – Thailand border office – $2,000/month",
                        &format!(
                            "<h1>Online sales team near Mae Sot (Myawaddy office)</h1>\
                    <p>Earn $2,000 a month, no experience needed, just typing. Free flight to Bangkok, free pickup, \
                    free housing and meals. Age 18-30. Passport required; leave within 3 days.</p>\
                    <p>Contact our recruiter only on Telegram @{RECRUITER}. Deposit in USDT TRC20: {LURE_WALLET}</p>"
                        ),
                    ),
                ),
                (
                    "/admin/login",
                    "text/html",
                    html(
                        "Login",
                        "<form method=\"post\"><input name=\"password\"></form>",
                    ),
                ),
            ],
        },
        Site {
            name: "asia-careers.demo",
            kind: "lure board",
            pages: vec![
                robots("/private/"),
                (
                    "/",
                    "text/html",
                    html(
                        "Asia Careers – Jobs abroad",
                        "<h1>Hot jobs abroad</h1>\
                    <ul><li><a href=\"/post/en\">Customer service in Cambodia</a></li>\
                    <li><a href=\"/post/vi\">Việc làm Campuchia lương cao</a></li>\
                    <li><a href=\"/post/id\">Lowongan kerja Kamboja</a></li></ul>",
                    ),
                ),
                (
                    "/post/en",
                    "text/html",
                    html(
                        "Customer Service Representative – Cambodia – $1,500/month",
                        &format!(
                            "<h1>Customer Service Representative (Sihanoukville, Cambodia)</h1>\
                    <p>Salary $1,500 a month plus commission. No experience needed, only basic typing. \
                    Free flight, visa, accommodation and meals provided by the company.</p>\
                    <p>Age 18-35. Leave this week! We can advance your salary and pay your debts.</p>\
                    <p>Apply only via Telegram @{RECRUITER}. Registration deposit in USDT TRC20: {LURE_WALLET}</p>"
                        ),
                    ),
                ),
                (
                    "/post/vi",
                    "text/html",
                    html(
                        "Tuyển nhân viên CSKH tại Campuchia lương 30 triệu",
                        &format!(
                            "<h1>Tuyển gấp nhân viên chăm sóc khách hàng tại Campuchia</h1>\
                    <p>Lương 30 triệu/tháng, bao ăn ở, hỗ trợ vé máy bay và visa. Không cần kinh nghiệm, chỉ cần biết đánh máy.</p>\
                    <p>Độ tuổi 18-35. Liên hệ Telegram @{RECRUITER} để được xuất cảnh ngay.</p>"
                        ),
                    ),
                ),
                (
                    "/post/id",
                    "text/html",
                    html(
                        "Lowongan kerja Kamboja gaji 20 juta",
                        &format!(
                            "<h1>Dibutuhkan admin online di Kamboja</h1>\
                    <p>Gaji 20 juta per bulan, tiket pesawat dan mess gratis, tanpa pengalaman, bisa mengetik saja.</p>\
                    <p>Usia 18-35 tahun. Berangkat minggu ini. Hubungi Telegram @{RECRUITER} saja.</p>"
                        ),
                    ),
                ),
            ],
        },
        Site {
            name: "goldwave-invest.demo",
            kind: "fraud platform",
            pages: vec![
                robots("/private/"),
                (
                    "/",
                    "text/html",
                    html(
                        "GoldWave – AI quantitative trading",
                        "<h1>Earn 3% daily with AI quantitative trading</h1>\
                    <p>Guaranteed returns every 24 hours. Withdraw any time. Invite friends and earn 10% referral commission.</p>\
                    <p><a href=\"/vip\">VIP levels</a> · <a href=\"/deposit\">Deposit</a></p>",
                    ),
                ),
                (
                    "/vip",
                    "text/html",
                    html(
                        "VIP levels",
                        "<h1>VIP levels</h1><table>\
                    <tr><td>VIP1</td><td>minimum deposit 100 USDT</td><td>2.5% daily</td></tr>\
                    <tr><td>VIP2</td><td>minimum deposit 1,000 USDT</td><td>3.2% daily</td></tr>\
                    <tr><td>VIP3</td><td>minimum deposit 10,000 USDT</td><td>4% daily</td></tr></table>\
                    <p>Withdrawals require a 15% tax and channel fee paid in advance.</p>",
                    ),
                ),
                (
                    "/deposit",
                    "text/html",
                    html(
                        "Deposit USDT",
                        &format!(
                            "<h1>Deposit</h1><p>Only USDT on the TRC20 network is accepted. Send to {FRAUD_WALLET}. \
                    New members receive 50 USDT trial money. Customer service on WhatsApp +855 12 345 678.</p>"
                        ),
                    ),
                ),
            ],
        },
        Site {
            name: "quantum-yield.demo",
            kind: "fraud platform",
            pages: vec![(
                "/",
                "text/html",
                html(
                    "量子收益 Quantum Yield – 日收益5%",
                    &format!(
                        "<h1>量子收益 Quantum Yield</h1><p>日收益5%，稳赚不赔，保本保息。充值USDT即可开通VIP，推荐好友返佣20%。</p>\
                    <p>充值地址 USDT-TRC20：{FRAUD_WALLET}</p><p>提现需先缴纳个人所得税20%。</p><p>客服 WhatsApp +855 12 345 678</p>"
                    ),
                ),
            )],
        },
        Site {
            name: "honest-jobs.demo",
            kind: "honest board",
            pages: vec![
                (
                    "/",
                    "text/html",
                    html(
                        "Honest Jobs",
                        "<h1>Jobs near you</h1><ul>\
                    <li><a href=\"/warehouse\">Warehouse associate</a></li><li><a href=\"/nurse\">간호사 채용</a></li></ul>",
                    ),
                ),
                (
                    "/warehouse",
                    "text/html",
                    html(
                        "Warehouse Associate – Leeds",
                        "<h1>Warehouse Associate</h1><p>Full-time, 40 hours a week on rotating shifts at our Leeds distribution centre. \
                    Pay £11.80 an hour with overtime at time and a half. Forklift licence an advantage; we train new starters. \
                    Apply through our careers page with your CV; interviews are held on site and references are checked.</p>",
                    ),
                ),
                (
                    "/nurse",
                    "text/html",
                    html(
                        "서울대학교병원 간호사 채용 공고",
                        "<h1>간호사 정규직 채용</h1><p>근무지: 서울 종로구 본원. 자격: 간호사 면허 소지자, 신규 및 경력 모두 지원 가능. \
                    전형 절차: 서류 전형, 면접, 신체검사. 연봉은 병원 내규에 따름. 지원서는 병원 채용 홈페이지에서 접수합니다.</p>",
                    ),
                ),
            ],
        },
        Site {
            name: "safety-news.demo",
            kind: "news and warnings",
            pages: vec![
                (
                    "/",
                    "text/html",
                    html(
                        "Safety News",
                        "<h1>Safety News</h1><ul>\
                    <li><a href=\"/scam-compounds\">Police warn about scam compounds</a></li>\
                    <li><a href=\"/ko-warning\">해외 취업 사기 주의</a></li></ul>",
                    ),
                ),
                (
                    "/scam-compounds",
                    "text/html",
                    html(
                        "Police warn job seekers about fake overseas offers",
                        "<h1>Police warn job seekers about fake overseas offers</h1><p>Police said on Monday that criminal groups \
                    continue to lure young people with advertisements promising \"customer service jobs in Cambodia, $1,500 a month, \
                    free flight and visa\" and asking applicants to contact recruiters on Telegram. Victims rescued from compounds \
                    in Myawaddy and Sihanoukville told investigators their passports were taken and they were forced to run \
                    online investment scams. The embassy urged families to verify any offer with the labour ministry and to call \
                    the hotline before travelling.</p>",
                    ),
                ),
                (
                    "/ko-warning",
                    "text/html",
                    html(
                        "경찰청, 동남아 고수익 취업 사기 주의 당부",
                        "<h1>경찰청, 동남아 고수익 취업 사기 주의 당부</h1><p>경찰청은 '캄보디아 고수익 아르바이트', '항공권·숙소 제공' 등을 \
                    내세운 해외 취업 광고에 속아 출국했다가 감금되는 피해가 잇따르고 있다며 각별한 주의를 당부했다. \
                    경찰은 텔레그램으로만 연락하는 구인 광고는 의심하고, 출국 전 외교부와 상담할 것을 권고했다.</p>",
                    ),
                ),
            ],
        },
    ]
}
