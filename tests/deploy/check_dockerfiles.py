#!/usr/bin/env python3
"""Checks deploy/docker/Dockerfile* without a container engine (none runs on our machines).

- every FROM names a pinned image (a version tag or a digest; never latest nor an untagged name),
  ARG defaults resolved;
- every RUN calls a script of tools/ (directly, or a copy of one the same stage COPY'd in), so
  the image is built by the same scripts CI runs;
- every stage with an ENTRYPOINT (a shipped image) runs as a numeric non-root USER, has a
  HEALTHCHECK, an exec-form ENTRYPOINT, and one per service: registration, casework, publicity,
  reporting, each running its own binary;
- nothing secret: no private key, password, token or secret in ENV, ARG or LABEL, no key or
  certificate files copied in, .git and build trees kept out of the context (dockerignore).

Usage: check_dockerfiles.py <repository root>
"""

import glob
import json
import os
import re
import sys

SERVICES = {"registration", "casework", "publicity", "reporting"}
SECRET_WORDS = re.compile(r"PRIVATE KEY|passw(or)?d|secret|token|api[_-]?key|credential", re.I)
SECRET_FILES = re.compile(r"\.(pem|key|p12|pfx|crt|jks)\b|id_rsa|\.env\b", re.I)
PINNED = re.compile(r"^[^@:]+(:[^:@]*\d[^:@]*)?(@sha256:[0-9a-f]{64})?$")


def instructions(text):
    """(instruction, arguments, line number) with continuations joined and comments dropped."""
    result, pending, start = [], "", 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        pending += stripped
        keyword, _, arguments = pending.partition(" ")
        result.append((keyword.upper(), arguments.strip(), start))
        pending = ""
    return result


def check_file(path, root, problems):
    def problem(line, message):
        problems.append(f"{os.path.relpath(path, root)}:{line}: {message}")

    with open(path, encoding="utf-8") as handle:
        steps = instructions(handle.read())
    args = {}
    stages = {}  # name -> {"base", "user", "healthcheck", "entrypoint", "copied"}
    current = None
    for keyword, arguments, line in steps:
        if keyword == "ARG":
            name, _, default = arguments.partition("=")
            if SECRET_WORDS.search(name):
                problem(line, f"ARG {name} looks like a secret")
            if current is None:
                args[name.strip()] = default.strip().strip('"')
            continue
        if keyword == "FROM":
            words = arguments.split()
            image = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), words[0])
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else f"#{line}"
            base = stages.get(image)
            if base is None:
                if "$" in image or not PINNED.match(image) or ":" not in image and "@" not in image \
                        or image.endswith(":latest"):
                    problem(line, f"FROM {image} is not pinned to a version or digest")
            current = dict(base) if base else {"user": None, "healthcheck": False,
                                               "entrypoint": None, "copied": {}}
            current["copied"] = dict(current["copied"])
            stages[name] = current
            continue
        if current is None:
            problem(line, f"{keyword} before any FROM")
            continue
        if keyword == "USER":
            current["user"] = arguments.split(":")[0]
        elif keyword == "HEALTHCHECK":
            current["healthcheck"] = arguments.upper() != "NONE"
        elif keyword == "ENTRYPOINT":
            try:
                current["entrypoint"] = json.loads(arguments)
            except json.JSONDecodeError:
                problem(line, "ENTRYPOINT must be in exec (JSON) form")
        elif keyword in ("ENV", "LABEL"):
            if SECRET_WORDS.search(arguments):
                problem(line, f"{keyword} {arguments} looks like a secret")
        elif keyword in ("COPY", "ADD"):
            words = [w for w in arguments.split() if not w.startswith("--")]
            sources, destination = words[:-1], words[-1]
            for source in sources:
                if SECRET_FILES.search(source):
                    problem(line, f"{keyword} {source}: key or certificate in the image")
                if source.startswith("tools/") and not arguments.startswith("--from"):
                    target = destination if not destination.endswith("/") else \
                        destination + os.path.basename(source)
                    current["copied"][target] = source
            if keyword == "ADD":
                problem(line, "ADD fetches or unpacks implicitly: use COPY")
        elif keyword == "RUN":
            command = re.sub(r"^(\w+=\S*\s+)+", "", arguments)  # VAR=value prefixes
            program = command.split()[0] if command.split() else ""
            if not (program.startswith("tools/") or program in current["copied"]):
                problem(line, f"RUN {program}: RUN steps call tools/ scripts")
            elif program.startswith("tools/") and not os.path.exists(os.path.join(root, program)):
                problem(line, f"RUN {program}: no such script")

    shipped = {name: stage for name, stage in stages.items() if stage["entrypoint"]}
    found = set()
    for name, stage in shipped.items():
        user = stage["user"]
        if user is None or not user.isdigit() or int(user) == 0:
            problems.append(f"{os.path.relpath(path, root)}: stage {name} runs as "
                            f"{user or 'root (no USER)'}: a numeric non-root USER is required")
        if not stage["healthcheck"]:
            problems.append(f"{os.path.relpath(path, root)}: stage {name} has no HEALTHCHECK")
        if name in SERVICES:
            found.add(name)
            if stage["entrypoint"] != [f"/usr/local/bin/jindu-{name}"]:
                problems.append(f"{os.path.relpath(path, root)}: stage {name} runs "
                                f"{stage['entrypoint']}")
    if found != SERVICES:
        problems.append(f"{os.path.relpath(path, root)}: no image target for "
                        f"{sorted(SERVICES - found)}")

    ignore = path + ".dockerignore"
    if not os.path.exists(ignore):
        problems.append(f"{os.path.relpath(path, root)}: no {os.path.basename(ignore)}")
    else:
        with open(ignore, encoding="utf-8") as handle:
            ignored = {line.strip() for line in handle if line.strip() and line[0] != "#"}
        for needed in (".git", "build"):
            if needed not in ignored:
                problems.append(f"{os.path.relpath(ignore, root)}: {needed} not ignored")


def main(root):
    problems = []
    files = [f for f in glob.glob(os.path.join(root, "deploy", "docker", "Dockerfile*"))
             if not f.endswith(".dockerignore")]
    if not files:
        problems.append("no deploy/docker/Dockerfile")
    for path in files:
        check_file(path, root, problems)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"ok: {len(files)} Dockerfile(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
