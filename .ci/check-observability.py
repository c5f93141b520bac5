"""Checks that the alert rules and the Grafana dashboard name only metrics that are really exposed.

Usage: check-observability.py WORK_DIR EXPOSITION... -- RULES.yml... DASHBOARD.json

Every metric a PromQL expression selects must be a series of one of the expositions (scrapes of
/actuator/prometheus written by integration tests), every label it matches on or groups by must be
one that metric carries (or a label Prometheus adds: instance, job), and a label compared with `=`
to a fixed value must have that value in an exposition. It also writes, for promtool, into
WORK_DIR:
- dashboard-queries.yml: the dashboard's queries, with its variables filled in, as recording
  rules named after their panel (dashboard:panel_<id>_<refId>), for `promtool check rules`;
- dashboard-panels.yml and dashboard-panels.test.yml: an alert per panel (and per variable) that
  fires when one of its queries returns a series, and a test that loads every exposition as the
  scrape of one instance and expects each of those alerts to fire, for `promtool test rules`:
  every panel shows data on the real scrapes, joins on instance included.
"""
import json
import re
import sys
from collections import defaultdict

TARGET_LABELS = {"instance", "job"}
KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset",
            "bool", "inf", "nan"}
LABEL_LISTS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`)'
                   r'|(?P<number>\d+(?:\.\d+)?(?:[a-z]+\d*)*)'
                   r'|(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)'
                   r'|(?P<op>=~|!~|!=|==|>=|<=|[-+*/%^<>=(){}\[\],@]))')


def read_exposition(path, series):
    sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s')
    pair = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
    for line in open(path):
        match = sample.match(line)
        if match:
            labels = series[match.group(1)]
            for label, value in pair.findall(match.group(2) or ""):
                labels[label].add(value)


def tokens(expr):
    position, result = 0, []
    while position < len(expr.rstrip()):
        match = TOKEN.match(expr, position)
        if not match:
            raise ValueError(f"cannot read the expression at '{expr[position:position + 20]}'")
        kind = match.lastgroup
        result.append((kind, match.group(kind)))
        position = match.end()
    return result


def unquote(text):
    return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")


def selectors(expr):
    """Return the expression's selectors as (names, matchers) and the labels it groups or joins by."""
    items, found, grouping = tokens(expr), [], set()
    i = 0
    while i < len(items):
        kind, text = items[i]
        following = items[i + 1][1] if i + 1 < len(items) else None
        if text == "[":
            i = items.index(("op", "]"), i) + 1
            continue
        if kind == "name" and text in LABEL_LISTS:
            i += 1
            if i < len(items) and items[i][1] == "(":
                close = items.index(("op", ")"), i)
                grouping |= {label for k, label in items[i + 1:close] if k == "name"}
                i = close
            continue
        if kind == "name" and (text in KEYWORDS or following in ("(", "by", "without")):
            i += 1
            continue
        if kind == "name" or text == "{":
            name = text if kind == "name" else None
            matchers = []
            if kind == "name" and following == "{":
                i += 1
            if items[i][1] == "{":
                close = items.index(("op", "}"), i)
                body = [item for item in items[i + 1:close] if item[1] != ","]
                for j in range(0, len(body), 3):
                    matchers.append((body[j][1], body[j + 1][1], unquote(body[j + 2][1])))
                i = close
            names = [name] if name else []
            for label, op, value in matchers:
                if label == "__name__":
                    names += value.split("|") if op == "=~" else [value]
            found.append((names, [m for m in matchers if m[0] != "__name__"]))
        i += 1
    return found, grouping


def problems_of(expr, series):
    found, grouping = selectors(expr)
    problems, carried = [], set(TARGET_LABELS)
    for names, matchers in found:
        if not names:
            problems.append("a selector without a metric name")
        for name in names:
            if not re.fullmatch(r"[a-zA-Z_:][a-zA-Z0-9_:]*", name):
                problems.append(f"cannot check the metric name pattern '{name}'")
                continue
            if name not in series:
                problems.append(f"{name}: no exposition has this metric")
                continue
            carried |= set(series[name])
            for label, op, value in matchers:
                if label in TARGET_LABELS:
                    continue
                if label not in series[name]:
                    problems.append(f"{name}: no exposition has label '{label}' on it")
                elif op == "=" and "$" not in value and value not in series[name][label]:
                    problems.append(f"{name}: no exposition has {label}=\"{value}\" "
                                    f"(it has {', '.join(sorted(series[name][label]))})")
    for label in sorted(grouping - carried) if not problems else []:
        problems.append(f"label '{label}' of a by/on clause is on none of the metrics the expression selects")
    return problems


def rule_exprs(path):
    """Yield the name and expr of each rule of a rules file, single-line or folded (>) exprs."""
    lines, rule = open(path).read().splitlines(), None
    for i, line in enumerate(lines):
        named = re.match(r"^\s*- (?:alert|record):\s*(\S+)", line)
        if named:
            rule = named.group(1)
        match = re.match(r"^(\s*)(?:- )?expr:\s*(.*)$", line)
        if not match:
            continue
        value = match.group(2)
        if value.startswith((">", "|")):
            indent, block = None, []
            for following in lines[i + 1:]:
                if following.strip() and indent is None:
                    indent = len(following) - len(following.lstrip())
                if following.strip() and len(following) - len(following.lstrip()) < indent:
                    break
                block.append(following.strip())
            value = " ".join(block)
        yield rule, value.strip().strip("'\"") if value[:1] in "'\"" else value.strip()


def dashboard_exprs(dashboard):
    """Yield (where, PromQL) for every query of the dashboard, its variables' included."""
    def panels(items):
        for panel in items:
            yield panel
            yield from panels(panel.get("panels", []))

    for variable in dashboard.get("templating", {}).get("list", []):
        match = re.fullmatch(r"label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)", variable.get("query", ""))
        if match:
            yield (f"variable '{variable['name']}'", f"dashboard:variable_{variable['name']}",
                   f"group by ({match.group(2)}) ({match.group(1)})")
    for panel in panels(dashboard["panels"]):
        for target in panel.get("targets", []):
            yield (f"panel '{panel['title']}' {target['refId']}", f"dashboard:panel_{panel['id']}_{target['refId']}",
                   target["expr"])


def dashboard_panels(dashboard):
    """Return (alert name, queries) for every panel with queries and every variable."""
    panels = defaultdict(list)
    for _, record, expr in dashboard_exprs(dashboard):
        panels[re.sub(r"_[A-Z]$", "", record.split(":")[1])].append(fill_variables(expr))
    return panels.items()


def write_panel_test(work, expositions, panels):
    sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)')
    with open(f"{work}/dashboard-panels.yml", "w") as out:
        out.write("groups:\n  - name: dashboard-panels\n    rules:\n")
        for name, queries in panels:
            expr = "count(" + " or ".join(f"({query})" for query in queries) + ") > 0"
            out.write(f"      - alert: {name}\n        expr: {json.dumps(expr)}\n")
    with open(f"{work}/dashboard-panels.test.yml", "w") as out:
        out.write("rule_files: [dashboard-panels.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n"
                  "    input_series:\n")
        for n, path in enumerate(expositions):
            for line in open(path):
                match = sample.match(line)
                if match:
                    labels = ",".join(filter(None, [match.group(2), f'instance="scrape-{n}"']))
                    value = match.group(3).lstrip("+")
                    series = f"{match.group(1)}{{{labels}}}".replace("'", "''")
                    out.write(f"      - series: '{series}'\n        values: '{value}+0x12'\n")
        out.write("    alert_rule_test:\n")
        for name, queries in panels:
            out.write(f"      - eval_time: 10m\n        alertname: {name}\n        exp_alerts:\n"
                      "          - exp_labels: {}\n")


def fill_variables(expr):
    expr = expr.replace("$__rate_interval", "5m").replace("$__interval", "1m")
    return re.sub(r"\$\{?[a-zA-Z_]+(?::[a-z]+)?\}?", ".*", expr)


def main(argv):
    separator = argv.index("--")
    work, expositions, files = argv[0], argv[1:separator], argv[separator + 1:]
    series = defaultdict(lambda: defaultdict(set))
    for path in expositions:
        read_exposition(path, series)
    missing, rules, checked = [], [], 0
    for path in files:
        if path.endswith(".json"):
            dashboard, queries = json.load(open(path)), []
            for where, record, expr in dashboard_exprs(dashboard):
                queries.append((where, expr))
                rules.append((record, fill_variables(expr)))
            write_panel_test(work, expositions, dashboard_panels(dashboard))
        else:
            queries = [(f"rule {name}", expr) for name, expr in rule_exprs(path)]
        for where, expr in queries:
            checked += 1
            try:
                problems = problems_of(expr, series)
            except (ValueError, IndexError) as ex:
                problems = [f"cannot read: {ex}"]
            missing += [f"{path}: {where}: {problem}" for problem in problems]
    with open(f"{work}/dashboard-queries.yml", "w") as out:
        out.write("groups:\n  - name: dashboard\n    rules:\n")
        for record, expr in rules:
            out.write(f"      - record: {record}\n        expr: {json.dumps(expr)}\n")
    if missing:
        sys.exit("queries that name what no exposition shows (" + ", ".join(expositions) + "):\n  "
                 + "\n  ".join(missing))
    print(f"{checked} queries of the alerts and the dashboard select only exposed metrics and labels")


if __name__ == "__main__":
    main(sys.argv[1:])
