#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: the container lifecycle.

pause/unpause, rename, update, top, kill with a signal name, restart, wait and containers.prune.
Usage: DOCKER_HOST=unix:///path lifecycle_dockerpy.py <image> <name-prefix>. Prints "ok" and exits 0 when
every check passes; otherwise names the check that failed and exits 1. Removes what it made. LifecycleIT
runs it.
"""
import sys

import docker


def check(name, got, want):
    if got != want:
        print(f"{name}: got {got!r}, want {want!r}")
        sys.exit(1)


def main():
    client = docker.from_env()
    image, prefix = sys.argv[1], sys.argv[2]
    made = []
    try:
        c = client.containers.run(image, ["sleep", "1000"], name=prefix + "-a", detach=True)
        made.append(c)
        c.pause()
        c.reload()
        check("paused status", c.status, "paused")
        check("State.Paused", c.attrs["State"]["Paused"], True)
        c.unpause()
        c.reload()
        check("unpaused status", c.status, "running")

        c.rename(prefix + "-b")
        c.reload()
        check("renamed", c.name, prefix + "-b")

        c.update(cpu_shares=512, mem_limit="64m", memswap_limit="128m")
        c.reload()
        check("update CpuShares", c.attrs["HostConfig"]["CpuShares"], 512)
        check("update Memory", c.attrs["HostConfig"]["Memory"], 64 * 1024 * 1024)

        top = c.top()
        check("top has PID", "PID" in top["Titles"], True)
        check("top lists sleep", any("sleep 1000" in p[-1] for p in top["Processes"]), True)

        c.restart(timeout=1)
        c.reload()
        check("restarted", c.status, "running")

        c.kill(signal="SIGKILL")
        check("wait", c.wait()["StatusCode"], 137)

        d = client.containers.run(image, ["true"], name=prefix + "-p", detach=True,
                                  labels={"lifecycle-dockerpy": "1"})
        made.append(d)
        d.wait()
        report = client.containers.prune(filters={"label": "lifecycle-dockerpy=1"})
        check("prune deleted", report["ContainersDeleted"], [d.id])
        check("prune space is a number", isinstance(report["SpaceReclaimed"], int), True)
        made.remove(d)
    finally:
        for m in made:
            try:
                m.remove(force=True)
            except docker.errors.NotFound:
                pass
    print("ok")


if __name__ == "__main__":
    main()
