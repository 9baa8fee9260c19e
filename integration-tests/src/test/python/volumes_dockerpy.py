#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: volumes.create/list/get/remove/prune.

Usage: DOCKER_HOST=unix:///path volumes_dockerpy.py <name-prefix>. Prints "ok" and exits 0 when every check
passes; otherwise names the check that failed and exits 1. VolumesIT runs it.
"""
import sys

import docker


def check(name, got, want):
    if got != want:
        print(f"{name}: got {got!r}, want {want!r}")
        sys.exit(1)


def main():
    prefix = sys.argv[1]
    client = docker.from_env()
    v = client.volumes.create(name=prefix + "-py", labels={"by": "py"})
    check("create name", v.name, prefix + "-py")
    check("create labels", v.attrs["Labels"], {"by": "py"})
    check("create driver", v.attrs["Driver"], "local")
    got = client.volumes.get(prefix + "-py")
    check("get mountpoint", got.attrs["Mountpoint"].endswith("/volumes/" + prefix + "-py/_data"), True)
    names = [x.name for x in client.volumes.list(filters={"label": "by=py"})]
    check("list by label", names, [prefix + "-py"])
    client.volumes.create(name=prefix + "-unused")
    c = client.containers.create("fixture/busybox:1", "true", volumes={prefix + "-py": {"bind": "/d", "mode": "rw"}})
    try:
        try:
            got.remove()
            check("remove in use", "removed", "409")
        except docker.errors.APIError as e:
            check("remove in use status", e.status_code, 409)
        pruned = client.volumes.prune()
        check("prune deleted", pruned["VolumesDeleted"], [prefix + "-unused"])
        check("prune space is a number", isinstance(pruned["SpaceReclaimed"], int), True)
    finally:
        c.remove(v=True)
    got.remove()
    try:
        client.volumes.get(prefix + "-py")
        check("get after remove", "found", "NotFound")
    except docker.errors.NotFound:
        pass
    print("ok")


if __name__ == "__main__":
    main()
