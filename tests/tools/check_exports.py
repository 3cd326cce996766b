#!/usr/bin/env python3
"""Check the playground's exports with the real tools.

Usage: check_exports.py DIR

DIR holds one folder per scenario, written by crates/engine/tests/exports_real_tools.rs:
scenario.json, template.yaml, template.json, sam-template.yaml, main.tf and deploy.sh. A folder
with a file named `hostile` holds names no AWS API accepts (quotes, newlines, `${`, emoji): only
the quoting and escaping checks run there, and deploy.sh must name exactly its functions.

For every folder:
  * cfn-lint (its Python API) lints template.yaml, template.json and sam-template.yaml; any error
    (E...) or warning (W...) fails the check;
  * template.yaml read by PyYAML equals template.json read by json: the YAML emitter's quoting
    is checked against an independent reader;
  * the function, queue and topic names in template.json and in main.tf (read by python-hcl2,
    escapes resolved) are exactly the scenario's names;
  * every `aws ...` command of deploy.sh is checked against the service model in botocore:
    the operation (or waiter) exists, each --kebab-flag names a member of its input shape
    (after the AWS CLI's documented renames), values parse as the member's type (JSON, the
    CLI's shorthand, lists, booleans, blobs), and botocore's ParamValidator plus enum, maximum and
    pattern checks accept the parameters, including every required member;
  * main.tf parses as HCL2;
  * each function's inline handler (from template.json) runs under this Python with its
    PLAYGROUND_BEHAVIOR variable, and a scripted outcome (plain, or one per attempt) comes out as
    the scenario says: the response, or an exception named after errorType with errorMessage.

Prints one line per problem and a final JSON summary line; exits 1 when anything failed.
"""

import json
import os
import re
import sys
import time
import types
from pathlib import Path

import botocore.session
import hcl2
import yaml
from botocore import xform_name
from botocore.validate import ParamValidator
from cfnlint.api import ManualArgs, lint_file
from hcl2.utils import SerializationOptions

SESSION = botocore.session.get_session()
# `aws s3api` is botocore's `s3`.
SERVICE_ALIASES = {"s3api": "s3"}
# Arguments the AWS CLI renames (awscli/customizations/argrename.py) or adds
# (awscli/customizations/awslambda.py: --zip-file fills Code.ZipFile).
RENAMES = {("sns", "subscribe", "notification-endpoint"): ("Endpoint",)}
CUSTOM = {("lambda", "create-function", "zip-file"): ("Code", "ZipFile")}
# Shell commands other than `aws` that the script may run.
SHELL_COMMANDS = {"set", "cat", "python3", "sleep"}

problems = []
counts = {
    "scenarios": 0,
    "templates_linted": 0,
    "cli_commands_checked": 0,
    "terraform_files_parsed": 0,
    "pattern_checks_skipped": 0,
    "handlers_run": 0,
}


def problem(where, message):
    problems.append(f"{where}: {message}")


# ---------------------------------------------------------------- shell parsing


def shell_commands(text):
    """Splits a POSIX shell script into commands (lists of words): quotes, backslash
    continuations, comments and here-documents are handled; heredoc bodies are skipped."""
    commands, words, word, in_word = [], [], [], False
    i, n = 0, len(text)
    pending_heredoc = None

    def end_word():
        nonlocal word, in_word
        if in_word:
            words.append("".join(word))
        word, in_word = [], False

    while i < n:
        c = text[i]
        if c == "'":
            j = text.index("'", i + 1)
            word.append(text[i + 1 : j])
            in_word, i = True, j + 1
        elif c == '"':
            j = i + 1
            while text[j] != '"':
                if text[j] == "\\" and text[j + 1] in '"\\$`\n':
                    word.append(text[j + 1])
                    j += 2
                else:
                    word.append(text[j])
                    j += 1
            in_word, i = True, j + 1
        elif c == "\\" and i + 1 < n:
            if text[i + 1] != "\n":
                word.append(text[i + 1])
                in_word = True
            i += 2
        elif c == "#" and not in_word:
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif c == "\n":
            end_word()
            if words:
                commands.append(words)
                for w in words:
                    if w.startswith("<<"):
                        pending_heredoc = w[2:].strip("'\"-") or pending_heredoc
            words = []
            i += 1
            if pending_heredoc:
                end = text.find("\n" + pending_heredoc + "\n", i - 1)
                if end < 0:
                    raise ValueError(f"here-document {pending_heredoc} never ends")
                i = end + len(pending_heredoc) + 2
                pending_heredoc = None
        elif c in " \t":
            end_word()
            i += 1
        else:
            word.append(c)
            in_word, i = True, i + 1
    end_word()
    if words:
        commands.append(words)
    return commands


# ---------------------------------------------------------------- botocore checks


def kebab(name):
    return xform_name(name, "-")


def scalar(shape, text, where):
    kind = shape.type_name
    if kind == "string":
        return text
    if kind in ("integer", "long"):
        return int(text)
    if kind in ("double", "float"):
        return float(text)
    if kind == "boolean":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"{text!r} is not a boolean")
        return text.lower() == "true"
    if kind == "blob":
        if text.startswith("fileb://"):
            return b"zip"
        return text.encode()
    if kind == "timestamp":
        return text
    if kind in ("structure", "map"):
        return shorthand(shape, text, where)
    raise ValueError(f"cannot read a {kind} from {text!r}")


def shorthand(shape, text, where):
    """The AWS CLI's shorthand for flat structures and maps: Key=Value,Key=Value."""
    stripped = text.strip()
    if stripped.startswith("{") or stripped.startswith("["):
        return json.loads(stripped)
    if any(ch in text for ch in "[]{}"):
        raise ValueError(f"nested shorthand is not supported here: {text!r}")
    out = {}
    for pair in text.split(","):
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"shorthand {pair!r} has no '='")
        if shape.type_name == "map":
            out[key] = value
        else:
            member = shape.members.get(key)
            if member is None:
                raise ValueError(f"unknown shorthand key {key!r}; expected one of {sorted(shape.members)}")
            out[key] = scalar(member, value, where)
    return out


def value_for(shape, values, where):
    if shape.type_name == "list":
        if len(values) == 1 and values[0].lstrip().startswith("["):
            return json.loads(values[0])
        return [scalar(shape.member, v, where) for v in values]
    if len(values) != 1:
        raise ValueError(f"expected one value, got {len(values)}")
    return scalar(shape, values[0], where)


def deep_check(value, shape, path, where):
    """Enum, maximum and pattern constraints, which ParamValidator leaves out."""
    meta = shape.metadata
    kind = shape.type_name
    if kind == "string" and isinstance(value, str):
        if shape.enum and value not in shape.enum:
            problem(where, f"{path}: {value!r} is not one of {shape.enum}")
        if "max" in meta and len(value) > meta["max"]:
            problem(where, f"{path}: longer than {meta['max']} characters")
        if "pattern" in meta:
            try:
                pattern = re.compile(meta["pattern"])
            except re.error:
                counts["pattern_checks_skipped"] += 1
            else:
                if not pattern.fullmatch(value) and not pattern.match(value):
                    problem(where, f"{path}: {value!r} does not match {meta['pattern']}")
    elif kind in ("integer", "long") and isinstance(value, int):
        if "max" in meta and value > meta["max"]:
            problem(where, f"{path}: {value} is more than {meta['max']}")
    elif kind == "list" and isinstance(value, list):
        if "max" in meta and len(value) > meta["max"]:
            problem(where, f"{path}: more than {meta['max']} items")
        for i, item in enumerate(value):
            deep_check(item, shape.member, f"{path}[{i}]", where)
    elif kind == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if key in shape.members:
                deep_check(item, shape.members[key], f"{path}.{key}", where)
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            deep_check(key, shape.key, f"{path} key", where)
            deep_check(item, shape.value, f"{path}.{key}", where)


def check_cli(words, where):
    if len(words) < 3:
        problem(where, f"too short: {' '.join(words)}")
        return
    cli_service, op_name, args = words[1], words[2], words[3:]
    service = SERVICE_ALIASES.get(cli_service, cli_service)
    try:
        model = SESSION.get_service_model(service)
    except Exception as error:  # noqa: BLE001 - any failure means the service is unknown
        problem(where, f"unknown service {cli_service}: {error}")
        return
    if op_name == "wait":
        if not args:
            problem(where, "wait without a waiter name")
            return
        waiters = SESSION.get_waiter_model(service)
        by_kebab = {kebab(w): w for w in waiters.waiter_names}
        waiter = by_kebab.get(args[0])
        if waiter is None:
            problem(where, f"{cli_service} has no waiter {args[0]}; it has {sorted(by_kebab)}")
            return
        operation = model.operation_model(waiters.get_waiter(waiter).operation)
        args = args[1:]
        op_name = kebab(operation.name)
    else:
        by_kebab = {kebab(o): o for o in model.operation_names}
        if op_name not in by_kebab:
            problem(where, f"{cli_service} has no operation {op_name}")
            return
        operation = model.operation_model(by_kebab[op_name])
    where = f"{where} ({cli_service} {op_name})"
    shape = operation.input_shape
    members = {kebab(m): (m,) for m in shape.members} if shape else {}
    for (svc, op, flag), target in RENAMES.items():
        if svc == cli_service and op == op_name:
            members.pop(kebab(target[0]), None)
            members[flag] = target
    for (svc, op, flag), target in CUSTOM.items():
        if svc == cli_service and op == op_name:
            members[flag] = target
    params = {}
    i = 0
    while i < len(args):
        flag = args[i]
        if not flag.startswith("--"):
            problem(where, f"expected a --flag, found {flag!r}")
            return
        values = []
        i += 1
        while i < len(args) and not args[i].startswith("--"):
            values.append(args[i])
            i += 1
        name = flag[2:]
        negated = False
        if name not in members and name.startswith("no-") and name[3:] in members:
            name, negated = name[3:], True
        if name not in members:
            problem(where, f"unknown parameter {flag}; the operation takes {sorted(members)}")
            continue
        path = members[name]
        member_shape = shape
        for part in path:
            member_shape = member_shape.members[part]
        try:
            if member_shape.type_name == "boolean" and not values:
                value = not negated
            elif negated:
                raise ValueError(f"{flag} takes no value")
            else:
                value = value_for(member_shape, values, where)
        except (ValueError, json.JSONDecodeError) as error:
            problem(where, f"{flag}: {error}")
            continue
        target = params
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    if shape is not None:
        report = ParamValidator().validate(params, shape)
        if report.has_errors():
            problem(where, report.generate_report().replace("\n", "; "))
        deep_check(params, shape, "input", where)
    counts["cli_commands_checked"] += 1


def check_script(path):
    try:
        commands = shell_commands(path.read_text(encoding="utf-8"))
    except (ValueError, IndexError) as error:
        problem(path, f"the script does not split into commands: {error}")
        return
    for n, words in enumerate(commands, 1):
        if words[0] == "aws":
            check_cli(words, f"{path} command {n}")
        elif words[0] not in SHELL_COMMANDS:
            problem(path, f"command {n} runs {words[0]!r}, which the checker does not know")


def check_script_names(path, expected):
    """The script splits into commands and `create-function` names exactly the functions."""
    try:
        commands = shell_commands(path.read_text(encoding="utf-8"))
    except (ValueError, IndexError) as error:
        problem(path, f"the script does not split into commands: {error}")
        return
    names = sorted(
        words[words.index("--function-name") + 1]
        for words in commands
        if words[:3] == ["aws", "lambda", "create-function"] and "--function-name" in words
    )
    if names != expected:
        problem(path, f"create-function names {names} != {expected}")


# ---------------------------------------------------------------- CloudFormation and Terraform


def lint(path, region):
    counts["templates_linted"] += 1
    for match in lint_file(path, ManualArgs(regions=[region])):
        problem(path, f"cfn-lint {match.rule.id} line {match.linenumber}: {match.message}")


def names_of(template, kind, prop):
    return sorted(
        r["Properties"][prop]
        for r in template.get("Resources", {}).values()
        if r.get("Type") == kind and prop in r.get("Properties", {})
    )


def hcl_literal(value):
    """A quoted template's text once HCL's own escapes for `${` and `%{` are resolved."""
    if not isinstance(value, str):
        return value
    return value.replace("$${", "${").replace("%%{", "%{")


class FakeContext:
    aws_request_id = "00000000-0000-4000-8000-000000000000"

    def get_remaining_time_in_millis(self):
        return 0


def expect_outcome(outcome, behavior, result, raised, where):
    kind = (outcome or {}).get("type", "ok")
    if kind == "ok":
        if raised is not None:
            problem(where, f"expected a response, the handler raised {raised!r}")
        elif result != behavior.get("response"):
            problem(where, f"returned {result!r}, expected {behavior.get('response')!r}")
    elif kind == "error":
        name = outcome.get("errorType", "Error")
        message = outcome.get("errorMessage", "Something went wrong")
        if raised is None or type(raised).__name__ != name or str(raised) != message:
            problem(where, f"expected {name}: {message}, got {raised!r} / {result!r}")


def check_handlers(template, where):
    for lid, resource in template.get("Resources", {}).items():
        if resource.get("Type") != "AWS::Lambda::Function":
            continue
        props = resource["Properties"]
        text = props.get("Environment", {}).get("Variables", {}).get("PLAYGROUND_BEHAVIOR", "{}")
        os.environ["PLAYGROUND_BEHAVIOR"] = text
        namespace = {"__name__": "index"}
        try:
            exec(compile(props["Code"]["ZipFile"], f"{where}:{lid}", "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - the code must at least load
            problem(where, f"{lid}: the handler does not load: {error!r}")
            continue
        namespace["time"] = types.SimpleNamespace(sleep=lambda seconds: None)
        behavior = json.loads(text)
        counts["handlers_run"] += 1
        if any(behavior.get(k) for k in ("when", "errorRate", "failRecords")):
            continue
        for outcome in (behavior.get("attempts") or []) + [behavior.get("outcome")]:
            result, raised = None, None
            try:
                result = namespace["handler"]({}, FakeContext())
            except Exception as error:  # noqa: BLE001 - function errors are expected outcomes
                raised = error
            expect_outcome(outcome, behavior, result, raised, f"{where} {lid}")


def check_folder(folder):
    counts["scenarios"] += 1
    scenario = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
    region = scenario.get("region", "us-east-2")
    expected = {
        "function": sorted(f["FunctionName"] for f in scenario.get("functions", [])),
        "queue": sorted(q["QueueName"] for q in scenario.get("queues", [])),
        "topic": sorted(t["TopicName"] for t in scenario.get("topics", [])),
    }
    # A folder marked `hostile` has names no AWS API accepts: it checks quoting and escaping
    # only, so cfn-lint and the botocore checks (which would refuse the names) are skipped.
    hostile = (folder / "hostile").exists()
    if not hostile:
        for name in ("template.yaml", "template.json", "sam-template.yaml"):
            lint(folder / name, region)
    from_yaml = yaml.safe_load((folder / "template.yaml").read_text(encoding="utf-8"))
    from_json = json.loads((folder / "template.json").read_text(encoding="utf-8"))
    if from_yaml != from_json:
        problem(folder / "template.yaml", "reads back different from template.json")
    check_handlers(from_json, folder / "template.json")
    sam = yaml.safe_load((folder / "sam-template.yaml").read_text(encoding="utf-8"))
    for kind, (cfn_type, prop) in {
        "function": ("AWS::Lambda::Function", "FunctionName"),
        "queue": ("AWS::SQS::Queue", "QueueName"),
        "topic": ("AWS::SNS::Topic", "TopicName"),
    }.items():
        if names_of(from_json, cfn_type, prop) != expected[kind]:
            problem(folder / "template.json", f"{kind} names {names_of(from_json, cfn_type, prop)} != {expected[kind]}")
    sam_functions = names_of(sam, "AWS::Serverless::Function", "FunctionName")
    if sam_functions != expected["function"]:
        problem(folder / "sam-template.yaml", f"function names {sam_functions} != {expected['function']}")
    if hostile:
        check_script_names(folder / "deploy.sh", expected["function"])
    else:
        check_script(folder / "deploy.sh")
    tf_path = folder / "main.tf"
    try:
        with tf_path.open(encoding="utf-8") as f:
            tf = hcl2.load(f, serialization_options=SerializationOptions(strip_string_quotes=True))
        counts["terraform_files_parsed"] += 1
    except Exception as error:  # noqa: BLE001 - any parser failure is the finding
        problem(tf_path, f"python-hcl2 cannot parse it: {error}")
        return
    found = {"function": [], "queue": [], "topic": []}
    for block in tf.get("resource", []):
        for rtype, instances in block.items():
            rtype = rtype.strip('"')
            for body in instances.values():
                if rtype == "aws_lambda_function":
                    found["function"].append(hcl_literal(body.get("function_name")))
                elif rtype == "aws_sqs_queue":
                    found["queue"].append(hcl_literal(body.get("name")))
                elif rtype == "aws_sns_topic":
                    found["topic"].append(hcl_literal(body.get("name")))
    for kind, names in found.items():
        if sorted(names) != expected[kind]:
            problem(tf_path, f"{kind} names {sorted(names)} != {expected[kind]}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    started = time.time()
    root = Path(sys.argv[1])
    folders = sorted(p for p in root.iterdir() if (p / "scenario.json").exists())
    for folder in folders:
        check_folder(folder)
    for line in problems:
        print(line)
    import cfnlint.version

    summary = dict(counts)
    summary["problems"] = len(problems)
    summary["cfn_lint"] = cfnlint.version.__version__
    summary["botocore"] = botocore.__version__
    summary["seconds"] = round(time.time() - started, 1)
    print("SUMMARY " + json.dumps(summary))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
