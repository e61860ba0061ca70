"""Test and scan reports: JUnit XML and SARIF 2.1.0."""

from __future__ import annotations

from collections import Counter

from .parsers_common import EvidenceRejected, describe, load_json, load_xml, local_name

MAX_FAILED_CASES = 20
MAX_RULES = 20
SARIF_LEVELS = ("error", "warning", "note", "none")


def parse_test_report(data: bytes, filename: str = "") -> tuple[str, dict]:
    """Sniff JUnit XML or SARIF 2.1.0 and summarise; returns (format, summary)."""
    what = describe(filename)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        root = load_xml(data, what=what)
        if local_name(root.tag) in ("testsuites", "testsuite"):
            return "junit", summarise_junit(root)
        raise EvidenceRejected(f"{what} is neither JUnit XML nor SARIF 2.1.0: its XML root is "
                               f"<{local_name(root.tag)}>, expected <testsuites> or <testsuite>.")
    if head in (b"{", b"["):
        doc = load_json(data, what=what)
        if isinstance(doc, dict) and doc.get("version") == "2.1.0" and isinstance(doc.get("runs"), list):
            return "sarif", summarise_sarif(doc)
        hint = ""
        if isinstance(doc, dict) and "runs" in doc:
            hint = f" (SARIF version {doc.get('version')!r} is not supported; only 2.1.0 is)"
        raise EvidenceRejected(f"{what} is neither JUnit XML nor SARIF 2.1.0{hint}: expected a JSON object "
                               f"with \"version\": \"2.1.0\" and a \"runs\" array.")
    raise EvidenceRejected(f"{what} is neither JUnit XML nor SARIF 2.1.0: it starts with neither "
                           f"an XML element nor a JSON object.")


# --- JUnit ----------------------------------------------------------------------------------

def _number(value, default=0.0) -> float:
    """Counters and times as written by many tools: missing, blank, or with a decimal comma."""
    if value is None:
        return default
    text = str(value).strip().replace(",", ".")
    try:
        return float(text) if text else default
    except ValueError:
        return default


def _children(elem, name):
    return [c for c in elem if local_name(c.tag) == name]


def _case_outcome(case) -> str:
    """passed / failed / error / skipped, from the testcase's child elements."""
    names = {local_name(c.tag) for c in case}
    if "failure" in names:
        return "failed"
    if "error" in names:
        return "error"
    if "skipped" in names:
        return "skipped"
    return "passed"  # includes Surefire flakyFailure/rerunFailure: passed after retries


def summarise_junit(root) -> dict:
    """Totals recomputed from testcases; suites without testcases fall back to their own counters."""
    suites = [root] if local_name(root.tag) == "testsuite" else []
    suites += [e for e in root.iter() if e is not root and local_name(e.tag) == "testsuite"]
    if not suites:  # a <testsuites> root with only its own counters
        suites = [root]
    totals = Counter()
    case_time = 0.0
    failed_cases: list[str] = []
    for suite in suites:
        cases = _children(suite, "testcase")
        if not cases:
            if not _children(suite, "testsuite"):  # a leaf that only reports counters
                totals["tests"] += int(_number(suite.get("tests")))
                totals["failures"] += int(_number(suite.get("failures")))
                totals["errors"] += int(_number(suite.get("errors")))
                totals["skipped"] += int(_number(suite.get("skipped", suite.get("skips"))))
                case_time += _number(suite.get("time"))
            continue
        for case in cases:
            totals["tests"] += 1
            outcome = _case_outcome(case)
            if outcome == "failed":
                totals["failures"] += 1
            elif outcome == "error":
                totals["errors"] += 1
            elif outcome == "skipped":
                totals["skipped"] += 1
            if outcome in ("failed", "error") and len(failed_cases) < MAX_FAILED_CASES:
                label = ".".join(p for p in (case.get("classname"), case.get("name")) if p)
                failed_cases.append(label or "(unnamed test)")
            case_time += _number(case.get("time"))
    # Prefer the time the runner measured for the whole run; fall back to the sum over tests.
    if root.get("time") is not None:
        elapsed = _number(root.get("time"))
    else:
        top = [s for s in suites if s is root] or _children(root, "testsuite")
        measured = [_number(s.get("time"), None) for s in top]
        elapsed = sum(measured) if measured and None not in measured else case_time
    return {
        "tests": totals["tests"],
        "failures": totals["failures"],
        "errors": totals["errors"],
        "skipped": totals["skipped"],
        "time": round(elapsed, 3),
        "suites": sum(1 for s in suites if local_name(s.tag) == "testsuite"),
        "failed_cases": failed_cases,
    }


# --- SARIF ----------------------------------------------------------------------------------

def _rule_level(driver: dict, result: dict) -> str | None:
    rules = driver.get("rules") if isinstance(driver.get("rules"), list) else []
    rule = None
    index = result.get("ruleIndex")
    if isinstance(index, int) and 0 <= index < len(rules):
        rule = rules[index]
    elif result.get("ruleId") is not None:
        rule = next((r for r in rules if isinstance(r, dict) and r.get("id") == result.get("ruleId")), None)
    if isinstance(rule, dict):
        config = rule.get("defaultConfiguration")
        if isinstance(config, dict):
            return config.get("level")
    return None


def _result_level(driver: dict, result: dict) -> str:
    """SARIF §3.27.10: explicit level, else none for non-fail kinds, else the rule default, else warning."""
    level = result.get("level")
    if level is None:
        kind = result.get("kind", "fail")
        level = "none" if kind != "fail" else (_rule_level(driver, result) or "warning")
    return level if level in SARIF_LEVELS else "warning"


def _rule_id(driver: dict, result: dict) -> str:
    if isinstance(result.get("ruleId"), str):
        return result["ruleId"]
    rule = result.get("rule")
    if isinstance(rule, dict) and isinstance(rule.get("id"), str):
        return rule["id"]
    rules = driver.get("rules") if isinstance(driver.get("rules"), list) else []
    index = result.get("ruleIndex")
    if isinstance(index, int) and 0 <= index < len(rules) and isinstance(rules[index], dict):
        return str(rules[index].get("id") or "(no rule)")
    return "(no rule)"


def summarise_sarif(doc: dict) -> dict:
    by_level = dict.fromkeys(SARIF_LEVELS, 0)
    by_rule = Counter()
    tools: list[str] = []
    total = 0
    for run in doc["runs"]:
        if not isinstance(run, dict):
            raise EvidenceRejected("The SARIF file has a run that is not a JSON object.")
        tool = run.get("tool") if isinstance(run.get("tool"), dict) else {}
        driver = tool.get("driver") if isinstance(tool.get("driver"), dict) else {}
        name = driver.get("name")
        if isinstance(name, str) and name not in tools:
            tools.append(name)
        results = run.get("results") or []
        if not isinstance(results, list):
            raise EvidenceRejected("The SARIF file has a run whose \"results\" is not an array.")
        for result in results:
            if not isinstance(result, dict):
                continue
            total += 1
            by_level[_result_level(driver, result)] += 1
            by_rule[_rule_id(driver, result)] += 1
    return {
        "results": total,
        "by_level": by_level,
        "by_rule": dict(by_rule.most_common(MAX_RULES)),
        "tools": tools,
    }
