//! Numbers written in words, as ads write pay or an age to slip past filters or in a formal
//! register: Chinese numerals ("两千五百美金", "月入三万", "二十到三十五岁") and Korean ones
//! ("천만 원", "오백만원").

/// The value of a number written in Chinese or Korean numerals, or `None` when `word` holds
/// anything else or two digits in a row. A digit after the last unit stands for the next unit
/// down, as in speech: "一万五" is 15,000 and "两千五" 2,500, where "一百零五" is 105.
pub fn value(word: &str) -> Option<f64> {
    // Ten-thousands and above; below ten thousand; the digit waiting for its unit.
    let (mut total, mut section, mut digit) = (0.0, 0.0, None::<f64>);
    let mut last_unit = 1.0;
    // The last unit of the section, which the next must be below ("五千五千", "百千" are no
    // numbers), and whether 万 has come.
    let (mut section_unit, mut ten_thousands) = (f64::INFINITY, false);
    for character in word.chars() {
        if let Some(next) = digit_of(character) {
            if digit.is_some() {
                return None;
            }
            if next == 0.0 {
                last_unit = 1.0;
            } else {
                digit = Some(next);
            }
        } else if let Some(unit) = unit_of(character) {
            if unit == TEN_THOUSAND {
                if ten_thousands {
                    return None;
                }
                let below = section + digit.unwrap_or(if section == 0.0 { 1.0 } else { 0.0 });
                total += below * unit;
                section = 0.0;
                (section_unit, ten_thousands) = (f64::INFINITY, true);
            } else {
                if unit >= section_unit {
                    return None;
                }
                section += digit.unwrap_or(1.0) * unit;
                section_unit = unit;
            }
            digit = None;
            last_unit = unit;
        } else {
            return None;
        }
    }
    let trailing = digit.map_or(0.0, |digit| {
        if last_unit > 1.0 {
            digit * last_unit / 10.0
        } else {
            digit
        }
    });
    Some(total + section + trailing).filter(|value| *value > 0.0)
}

const TEN_THOUSAND: f64 = 10_000.0;

fn digit_of(character: char) -> Option<f64> {
    let digit = match character {
        '零' | '〇' => 0,
        '一' | '일' => 1,
        '二' | '两' | '兩' | '이' => 2,
        '三' | '삼' => 3,
        '四' | '사' => 4,
        '五' | '오' => 5,
        '六' | '육' => 6,
        '七' | '칠' => 7,
        '八' | '팔' => 8,
        '九' | '구' => 9,
        _ => return None,
    };
    Some(f64::from(digit))
}

fn unit_of(character: char) -> Option<f64> {
    match character {
        '十' | '십' => Some(10.0),
        '百' | '백' => Some(100.0),
        '千' | '천' => Some(1_000.0),
        '万' | '萬' | '만' => Some(TEN_THOUSAND),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_are_read_as_written_and_as_spoken() {
        for (word, number) in [
            ("三十五", 35.0),
            ("十八", 18.0),
            ("二十", 20.0),
            ("两千五百", 2_500.0),
            ("两千五", 2_500.0),
            ("一万五", 15_000.0),
            ("一万二千", 12_000.0),
            ("三万", 30_000.0),
            ("十萬", 100_000.0),
            ("八千", 8_000.0),
            ("一百零五", 105.0),
            ("一千零五十", 1_050.0),
            ("两万五千", 25_000.0),
            ("一百二十万", 1_200_000.0),
            ("一百零五万", 1_050_000.0),
            ("천만", 10_000_000.0),
            ("천오백만", 15_000_000.0),
            ("오백만", 5_000_000.0),
            ("삼백오십만", 3_500_000.0),
        ] {
            assert_eq!(value(word), Some(number), "{word}");
        }
        for word in ["一一", "三五", "十分", "", "零", "五千五千", "百千", "万万"] {
            assert_eq!(value(word), None, "{word}");
        }
    }
}
