#!/usr/bin/python3
"""docker-py (Debian's python3-docker) and websocket-client against a TTY container on DOCKER_HOST.

Usage: dockerpy_tty_attach.py IMAGE NAME_PREFIX
Prints one "ok: ..." line per check and exits 0; any failed check raises (exit 1).
"""
import os
import socket
import sys
import time

import docker
import websocket

IMAGE, PREFIX = sys.argv[1], sys.argv[2]
client = docker.from_env(version="1.41")


def read_until(sock, needle, seconds=10):
    sock.settimeout(0.5)
    out = b""
    deadline = time.time() + seconds
    while needle not in out:
        if time.time() > deadline:
            raise AssertionError("no %r in %r" % (needle, out))
        try:
            data = sock.recv(4096)
        except socket.timeout:
            continue
        if not data:
            raise AssertionError("stream ended before %r: %r" % (needle, out))
        out += data
    return out


def read_to_end(sock, seconds=10):
    sock.settimeout(seconds)
    out = b""
    while True:
        data = sock.recv(4096)
        if not data:
            return out
        out += data


c = client.containers.run(IMAGE, "sh", name=PREFIX + "-shell", tty=True, stdin_open=True, detach=True)
try:
    # attach_socket with stdin: input echoed through the terminal, the stream raw (no 8-byte headers)
    s = c.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})._sock
    s.sendall(b"echo py-$((6*7))\r")
    out = read_until(s, b"py-42\r\n")
    assert b"\x01\x00\x00\x00" not in out, out
    print("ok: attach_socket echo raw " + repr(out[-10:]))

    # the daemon scans the TTY's stdin for ctrl-p ctrl-q: it ends the stream, the shell keeps running
    s.sendall(b"\x10\x11")
    rest = read_to_end(s)
    s.close()
    c.reload()
    assert c.status == "running", c.status
    print("ok: detach keys ended the attach, container " + c.status + " " + repr(rest))

    # resize, then stty size in the terminal
    c.resize(height=33, width=111)
    s = c.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1, "detachKeys": "ctrl-x,x"})._sock
    s.sendall(b"stty size\r")
    read_until(s, b"33 111\r\n")
    print("ok: resize then stty size 33 111")
    s.sendall(b"\x18x")
    read_to_end(s)
    s.close()
    c.reload()
    assert c.status == "running", c.status
    print("ok: custom detach keys ctrl-x,x")

    # the websocket endpoint: binary frames both ways, the detach keys end it too
    ws_sock = socket.socket(socket.AF_UNIX)
    ws_sock.connect(os.environ["DOCKER_HOST"][len("unix://"):])
    ws = websocket.WebSocket()
    ws.connect("ws://localhost/v1.41/containers/%s/attach/ws?stream=1" % c.id, socket=ws_sock)
    ws.send_binary(b"echo ws-$((6*7))\r")
    got = b""
    ws.settimeout(10)
    while b"ws-42\r\n" not in got:
        opcode, data = ws.recv_data()
        assert opcode == websocket.ABNF.OPCODE_BINARY, opcode
        got += data
    print("ok: websocket echo " + repr(got[-10:]))
    ws.send_binary(b"\x10\x11")
    opcode, data = ws.recv_data(control_frame=True)
    while opcode != websocket.ABNF.OPCODE_CLOSE:
        opcode, data = ws.recv_data(control_frame=True)
    ws_sock.close()
    c.reload()
    assert c.status == "running", c.status
    print("ok: websocket detach, close frame " + repr(data))

    # container.attach(stream=True) of a TTY: raw chunks until the process exits
    s = c.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})._sock
    s.sendall(b"exit 7\r")
    read_to_end(s)
    s.close()
    assert c.wait(timeout=20)["StatusCode"] == 7
    print("ok: exit 7 through attach_socket")
finally:
    c.remove(force=True)

t = client.containers.create(IMAGE, ["sh", "-c", "sleep 1; echo streamed; echo err >&2"], name=PREFIX + "-stream",
                             tty=True)
try:
    stream = t.attach(stream=True, stdout=True, stderr=True)
    t.start()
    chunks = b"".join(stream)
    assert chunks == b"streamed\r\nerr\r\n", chunks
    print("ok: attach(stream=True) raw " + repr(chunks))
    assert t.logs() == b"streamed\r\nerr\r\n", t.logs()
    print("ok: logs raw")
finally:
    t.remove(force=True)
