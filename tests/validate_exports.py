"""Validates lurewatch exports with the real tools' own validators.

usage: python validate_exports.py FORMAT FILE   (FORMAT: stix, gexf, ftm, tagpack)
Needs: stix2-validator, networkx, followthemoney, tagpack-tool (see .ci/run).
Exits 0 when the file is valid, 1 with the validator's messages otherwise.
"""
import json
import shutil
import subprocess
import sys
import tempfile


def main(kind, path):
    if kind == "stix":
        from stix2validator import ValidationOptions, validate_file

        results = validate_file(path, ValidationOptions(version="2.1"))
        if not results.is_valid:
            for result in results.object_results:
                for error in result.errors:
                    print(error)
            return 1
    elif kind == "gexf":
        import networkx

        graph = networkx.read_gexf(path)
        print(graph.number_of_nodes(), "nodes", graph.number_of_edges(), "edges")
    elif kind == "ftm":
        from followthemoney import model

        with open(path, encoding="utf-8") as lines:
            for line in lines:
                model.get_proxy(json.loads(line), cleaned=False)
    elif kind == "tagpack":
        tool = shutil.which("tagpack-tool") or sys.executable.replace("python", "tagpack-tool")
        with tempfile.TemporaryDirectory() as folder:
            copy = f"{folder}/export.yaml"
            shutil.copy(path, copy)
            run = subprocess.run([tool, "tagpack", "validate", copy], capture_output=True, text=True)
            print(run.stdout[-2000:], run.stderr[-2000:])
            if run.returncode != 0 or "PASSED" not in run.stdout:
                return 1
    else:
        print("unknown format", kind)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
