#!/usr/bin/env python3
"""Runs a command on a new pseudo-terminal and drives it like a user at a terminal.

Usage: ptydrive.py ROWS COLS STEPS_JSON TRANSCRIPT -- COMMAND...

STEPS_JSON is a list of steps, run in order:
  ["expect", REGEX, SECONDS]  wait until the output since the last expect matches REGEX (Python re, DOTALL)
  ["send", TEXT]              write TEXT (a JSON string: "\\u0010" is ctrl-p) to the terminal
  ["resize", ROWS, COLS]      set the terminal's window size (TIOCSWINSZ; the command gets SIGWINCH)
  ["sleep", SECONDS]
  ["kill"]                    SIGKILL the command (the client going away); its status is then -9
  ["await", SECONDS, ARGV...] run ARGV (stdout piped) until it prints a first line, then kill it, reading the
                              terminal meanwhile: e.g. `docker events --since T --filter event=resize`, to
                              wait for a daemon-side step; no line within SECONDS prints "await failed" to
                              stderr and exits 3
After the steps it waits (at most 30 s) for the command to exit, writes everything the command wrote to
TRANSCRIPT and prints the exit status; a failed expect prints "expect failed: REGEX" to stderr and exits 3.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    rows, cols, steps, transcript = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    set_size(fd, rows, cols)
    out = bytearray()
    mark = 0
    eof = False

    def pump(timeout):
        nonlocal eof
        if eof:
            time.sleep(timeout)
            return
        r, _, _ = select.select([fd], [], [], timeout)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                eof = True
            out.extend(data)

    def save():
        with open(transcript, "wb") as f:
            f.write(bytes(out))

    for step in steps:
        if step[0] == "expect":
            pattern = re.compile(step[1].encode(), re.S)
            deadline = time.time() + (step[2] if len(step) > 2 else 20)
            while not pattern.search(out, mark):
                if time.time() > deadline or eof and not pattern.search(out, mark):
                    if eof or time.time() > deadline:
                        save()
                        print("expect failed: " + step[1], file=sys.stderr)
                        sys.exit(3)
                pump(0.05)
            mark = pattern.search(out, mark).end()
        elif step[0] == "send":
            os.write(fd, step[1].encode("latin-1"))
        elif step[0] == "resize":
            set_size(fd, step[1], step[2])
            os.kill(pid, 28)  # SIGWINCH, as a terminal emulator sends it
        elif step[0] == "kill":
            os.kill(pid, 9)
        elif step[0] == "await":
            watcher = subprocess.Popen(step[2:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            line = bytearray()
            deadline = time.time() + step[1]
            try:
                while b"\n" not in line:
                    if time.time() > deadline:
                        save()
                        print("await failed: " + " ".join(step[2:]), file=sys.stderr)
                        sys.exit(3)
                    r, _, _ = select.select([watcher.stdout], [], [], 0.05)
                    if r:
                        chunk = os.read(watcher.stdout.fileno(), 4096)
                        if not chunk and watcher.poll() is not None:
                            save()
                            print("await: the command ended without a line: " + " ".join(step[2:]), file=sys.stderr)
                            sys.exit(3)
                        line.extend(chunk)
                    pump(0)
            finally:
                watcher.kill()
                watcher.wait()
        elif step[0] == "sleep":
            deadline = time.time() + step[1]
            while time.time() < deadline:
                pump(0.05)
    deadline = time.time() + 30
    status = None
    while time.time() < deadline:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            break
        pump(0.05)
    while not eof:
        pump(0.2)
        if not select.select([fd], [], [], 0)[0]:
            break
    save()
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        print("timeout")
        sys.exit(4)
    print(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
