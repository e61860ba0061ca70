"""Run pip-audit over the installed environment and say plainly what it could and could not check.

Exit 1 when a dependency has a known vulnerability. When pip-audit cannot reach a vulnerability
database (a machine whose network only reaches a package mirror), it says so and exits 0: the
audit did not happen, and the message says that rather than reporting a clean result.
"""

import json
import subprocess
import sys


def main() -> int:
    run = subprocess.run([sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--skip-editable",
                          "--format", "json"], capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        print(f"pip-audit could not run its audit: {tail[0]}")
        print("Dependency audit NOT performed on this machine (no vulnerability database reachable).")
        return 0
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    if not audited:
        print(f"Dependency audit NOT performed: pip-audit could not look up any of the {len(deps)} installed "
              f"packages (no vulnerability data reachable from this machine).")
        return 0
    print(f"pip-audit: {len(audited)} of {len(deps)} packages checked, {len(vulnerable)} with known vulnerabilities.")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
