#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: exec_run, exec_run with demux, exec_inspect.

Usage: DOCKER_HOST=unix:///path exec_dockerpy.py <container>. Prints "ok" and exits 0 when every check
passes; otherwise names the check that failed and exits 1. ExecIT runs it.
"""
import sys

import docker


def check(name, got, want):
    if got != want:
        print(f"{name}: got {got!r}, want {want!r}")
        sys.exit(1)


def main():
    client = docker.from_env()
    c = client.containers.get(sys.argv[1])

    code, out = c.exec_run(["sh", "-c", "echo hi; exit 2"])
    check("exec_run exit code", code, 2)
    check("exec_run output", out, b"hi\n")

    code, (out, err) = c.exec_run(["sh", "-c", "echo out; echo err >&2"], demux=True)
    check("demux exit code", code, 0)
    check("demux stdout", out, b"out\n")
    check("demux stderr", err, b"err\n")

    api = client.api
    ex = api.exec_create(c.id, ["sh", "-c", "exit 5"], user="nobody", workdir="/tmp")
    before = api.exec_inspect(ex["Id"])
    check("inspect before start: Running", before["Running"], False)
    check("inspect before start: ExitCode", before["ExitCode"], None)
    check("inspect before start: user", before["ProcessConfig"].get("user"), "nobody")
    api.exec_start(ex["Id"])
    after = api.exec_inspect(ex["Id"])
    check("inspect after start: ExitCode", after["ExitCode"], 5)
    check("inspect after start: Running", after["Running"], False)
    check("inspect: ContainerID", after["ContainerID"], c.id)
    check("inspect: entrypoint", after["ProcessConfig"]["entrypoint"], "sh")
    check("inspect: arguments", after["ProcessConfig"]["arguments"], ["-c", "exit 5"])
    if after["Pid"] <= 0:
        print(f"inspect after start: Pid {after['Pid']}")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
