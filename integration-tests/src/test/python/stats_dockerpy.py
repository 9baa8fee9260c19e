#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: container.stats(stream=False), stats(stream=True).

Usage: DOCKER_HOST=unix:///path stats_dockerpy.py <running container>. Prints "ok" and exits 0 when every
check passes; otherwise names the check that failed and exits 1. StatsIT runs it.
"""
import sys

import docker


def check(name, ok, detail=""):
    if not ok:
        print(f"{name}: {detail}")
        sys.exit(1)


def main():
    client = docker.from_env()
    c = client.containers.get(sys.argv[1])

    s = c.stats(stream=False)
    check("name", s.get("name") == "/" + sys.argv[1], s.get("name"))
    check("id", s.get("id") == c.id, s.get("id"))
    check("total_usage", s["cpu_stats"]["cpu_usage"]["total_usage"] > 0, s["cpu_stats"])
    check("system_cpu_usage", s["cpu_stats"]["system_cpu_usage"] > 0, s["cpu_stats"])
    check("online_cpus", s["cpu_stats"]["online_cpus"] >= 1, s["cpu_stats"])
    check("precpu", s["precpu_stats"]["cpu_usage"]["total_usage"] > 0, s["precpu_stats"])
    check("memory usage", s["memory_stats"]["usage"] > 0, s["memory_stats"])
    check("memory limit", s["memory_stats"]["limit"] > 0, s["memory_stats"])
    check("pids", s["pids_stats"]["current"] >= 1, s["pids_stats"])
    nets = s.get("networks", {})
    check("networks: eth0 on the default bridge, no lo", list(nets.keys()) == ["eth0"], nets)
    check("eth0 counters", {"rx_bytes", "rx_packets", "rx_errors", "rx_dropped", "tx_bytes", "tx_packets",
                            "tx_errors", "tx_dropped"} == set(nets.get("eth0", {}).keys()), nets)

    stream = c.stats(stream=True, decode=True)
    first = next(stream)
    second = next(stream)
    check("stream read advances", second["read"] > first["read"], (first["read"], second["read"]))
    check("stream preread", second["preread"] == first["read"], (first["read"], second["preread"]))
    print("ok")


if __name__ == "__main__":
    main()
