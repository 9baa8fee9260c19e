#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: published ports as docker-py's PortTest uses them
(create_container(ports=...) with create_host_config(port_bindings=...), APIClient.port, publish_all_ports),
and the high-level containers.run(ports={...}) with Container.ports.

Usage: DOCKER_HOST=unix:///path ports_dockerpy.py <name-prefix>. Prints "ok" and exits 0 when every check passes;
otherwise names the check that failed and exits 1. PublishedPortsIT runs it.
"""
import socket
import sys

import docker

BUSYBOX = "fixture/busybox:1"


def check(name, got, want):
    if got != want:
        print(f"{name}: got {got!r}, want {want!r}")
        sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    prefix = sys.argv[1]
    client = docker.from_env()
    api = client.api
    p1, p2, p3 = free_port(), free_port(), free_port()
    port_bindings = {"1111": ("127.0.0.1", str(p1)), "2222": ("127.0.0.1", str(p2)),
                     "3333/udp": ("127.0.0.1", str(p3))}
    c = api.create_container(BUSYBOX, ["sleep", "60"], name=prefix + "-api", ports=["1111", "2222", (3333, "udp")],
                             host_config=api.create_host_config(port_bindings=port_bindings, network_mode="bridge"))
    try:
        api.start(c)
        for port, (ip, host_port) in port_bindings.items():
            binding = api.port(c, port)
            check("port " + port + " HostIp", binding[0]["HostIp"], ip)
            check("port " + port + " HostPort", binding[0]["HostPort"], host_port)
        listed = api.containers(filters={"name": prefix + "-api"})[0]["Ports"]
        check("list Ports", sorted((p["PrivatePort"], p["Type"], p["PublicPort"], p["IP"]) for p in listed),
              [(1111, "tcp", p1, "127.0.0.1"), (2222, "tcp", p2, "127.0.0.1"), (3333, "udp", p3, "127.0.0.1")])
    finally:
        api.remove_container(c, force=True)

    c = api.create_container(BUSYBOX, ["sleep", "60"], name=prefix + "-all", ports=[80, (53, "udp")],
                             host_config=api.create_host_config(publish_all_ports=True))
    try:
        api.start(c)
        ports = api.inspect_container(c)["NetworkSettings"]["Ports"]
        check("publish all keys", sorted(ports), ["53/udp", "80/tcp"])
        check("publish all host ip", ports["80/tcp"][0]["HostIp"], "0.0.0.0")
        check("publish all host port is a number", ports["80/tcp"][0]["HostPort"].isdigit(), True)
    finally:
        api.remove_container(c, force=True)

    p4 = free_port()
    hc = client.containers.run(BUSYBOX, ["sleep", "60"], name=prefix + "-run", detach=True,
                               ports={"8080/tcp": p4, "9090/tcp": None})
    try:
        hc.reload()
        check("Container.ports 8080", hc.ports["8080/tcp"], [{"HostIp": "0.0.0.0", "HostPort": str(p4)}])
        check("Container.ports 9090 ephemeral", hc.ports["9090/tcp"][0]["HostPort"].isdigit(), True)
    finally:
        hc.remove(force=True)
    print("ok")


if __name__ == "__main__":
    main()
