#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (docs/fuzzing.md) into
tests/fuzz/<target>/: each op's example request from PROTOCOL.md, valid
frames, scripts of whole conversations and edge cases. Run it again after
adding an op; regression inputs found by fuzzing are added by hand (named
crash-*, leak-*, timeout-*) and are not touched here."""
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

REQUESTS = [
    {"op": "hello", "version": 1, "client": "seed"},
    {"op": "register", "user": "alice", "password": "correct horse"},
    {"op": "login", "user": "alice", "password": "correct horse", "takeover": True},
    {"op": "resume", "token": "AAAA"},
    {"op": "logout"},
    {"op": "unregister", "password": "correct horse"},
    {"op": "ping"},
    {"op": "friend_request", "user": "bob"},
    {"op": "friend_respond", "user": "bob", "accept": True},
    {"op": "unfriend", "user": "bob"},
    {"op": "friends"},
    {"op": "send", "to": "bob", "text": "hi", "client_id": "c-1"},
    {"op": "send", "group": 1, "text": "hi all"},
    {"op": "read", "peer": "bob", "up_to": 1},
    {"op": "read", "group": 1, "up_to": 2},
    {"op": "history", "peer": "bob", "before": 10, "limit": 50},
    {"op": "history", "group": 1},
    {"op": "sync", "after": 0, "wait": 1, "limit": 10},
    {"op": "message_info", "msg_id": 1},
    {"op": "group_create", "name": "team", "members": ["bob", "carol"]},
    {"op": "group_add", "group": 1, "user": "dave"},
    {"op": "group_remove", "group": 1, "user": "dave"},
    {"op": "group_rename", "group": 1, "name": "new name"},
    {"op": "group_leave", "group": 1},
    {"op": "group_info", "group": 1},
    {"op": "groups"},
    {"op": "file_begin", "to": "bob", "name": "a.txt", "size": 3,
     "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"op": "file_chunk", "file_id": 1, "offset": 0, "data": "YWJj"},
    {"op": "file_chunk", "file_id": 1, "offset": 0, "data": "eJxLTEoGAAJNASc=", "z": True},
    {"op": "file_end", "file_id": 1},
    {"op": "file_get", "file_id": 1, "offset": 0, "length": 3},
]

EDGE_BODIES = [
    b'{"id":null,"op":"ping"}', b'{"id":"x","op":7}', b'{"op":"ping"}',
    b'{"id":1.5e308,"op":"sync","after":-1}', b'{"id":1,"op":"sync","after":9007199254740992}',
    b'{"id":1,"op":"send","to":"b","group":1,"text":""}', b'[1,2]', b'"x"', b'{',
    b'{"id":1,"op":"register","user":"\\u00e9\\ud83d\\ude00","password":"\\ud800aaaaaaaa"}',
    b'\xff\xfe{}', b'{"id":1,"op":"history","peer":"a","limit":1e3}',
]


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def frame(body):
    return struct.pack(">I", len(body)) + body


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    bodies = []
    for i, request in enumerate(REQUESTS, 1):
        bodies.append(compact(dict(id=i, **request)))
    for i, body in enumerate(bodies):
        op = json.loads(body)["op"]
        write("fuzz_request", f"op-{i:02}-{op}", body)
        write("fuzz_frame", f"op-{i:02}-{op}", frame(body))
    for i, body in enumerate(EDGE_BODIES):
        write("fuzz_request", f"edge-{i:02}", body)
        write("fuzz_frame", f"edge-{i:02}", frame(body))
    write("fuzz_frame", "pipelined", b"".join(frame(b) for b in bodies[:6]))
    write("fuzz_frame", "zero-length", b"\0\0\0\0")
    write("fuzz_frame", "oversized", b"\xff\xff\xff\xff{}")
    write("fuzz_frame", "partial", frame(bodies[0])[:7])

    text = b"hello hello hello hello palomar " * 8
    write("fuzz_zlib", "stream", zlib.compress(text))
    write("fuzz_zlib", "stream-level9", zlib.compress(bytes(range(256)) * 4, 9))
    write("fuzz_zlib", "truncated", zlib.compress(text)[:-5])
    write("fuzz_zlib", "trailing", zlib.compress(text) + b"junk")
    write("fuzz_zlib", "bomb", zlib.compress(b"\0" * 4 * 1024 * 1024, 9))
    write("fuzz_zlib", "empty-stream", zlib.compress(b""))
    write("fuzz_zlib", "raw", b"not a zlib stream")

    # Dispatcher scripts: "@N " picks the connection (0-3).
    def script(*lines):
        return "\n".join(lines).encode()

    def req(conn, i, **fields):
        return f"@{conn} " + compact(dict(id=i, **fields)).decode()

    pw = "correct horse"
    accounts = [req(0, 1, op="register", user="alice", password=pw),
                req(1, 2, op="register", user="bob", password=pw),
                req(2, 3, op="register", user="carol", password=pw),
                req(0, 4, op="login", user="alice", password=pw),
                req(1, 5, op="login", user="bob", password=pw),
                req(2, 6, op="login", user="carol", password=pw)]
    friends = [req(0, 7, op="friend_request", user="bob"),
               req(1, 8, op="friend_respond", user="alice", accept=True),
               req(0, 9, op="friend_request", user="carol"),
               req(2, 10, op="friend_respond", user="alice", accept=True)]
    write("fuzz_dispatcher", "every-op-anonymous",
          script(*[req(3, i, **r) for i, r in enumerate(REQUESTS, 1)]))
    write("fuzz_dispatcher", "chat", script(
        *accounts, *friends,
        req(0, 11, op="send", to="bob", text="hi bob", client_id="c1"),
        req(0, 12, op="send", to="bob", text="hi bob", client_id="c1"),
        req(1, 13, op="sync", after=0), req(1, 14, op="sync", after=2, wait=5),
        req(1, 15, op="read", peer="alice", up_to=1),
        req(0, 16, op="history", peer="bob"), req(0, 17, op="sync", after=0),
        req(1, 18, op="unfriend", user="alice"), req(0, 19, op="friends"),
        req(0, 20, op="send", to="bob", text="still there?")))
    write("fuzz_dispatcher", "groups", script(
        *accounts, *friends,
        req(0, 11, op="group_create", name="team", members=["bob"]),
        req(0, 12, op="group_add", group=1, user="carol"),
        req(1, 13, op="send", group=1, text="hello team"),
        req(0, 14, op="message_info", msg_id=1), req(1, 15, op="message_info", msg_id=1),
        req(2, 16, op="read", group=1, up_to=1), req(0, 17, op="group_rename", group=1, name="x"),
        req(1, 18, op="group_add", group=1, user="alice"),
        req(0, 19, op="group_remove", group=1, user="carol"),
        req(2, 20, op="history", group=1), req(0, 21, op="group_leave", group=1),
        req(1, 22, op="group_info", group=1), req(1, 23, op="groups"),
        req(1, 24, op="sync", after=0, limit=2)))
    write("fuzz_dispatcher", "sessions", script(
        *accounts[:2], accounts[3],
        req(3, 7, op="login", user="alice", password=pw),
        req(3, 8, op="login", user="alice", password=pw, takeover=True),
        req(0, 9, op="friends"), req(0, 10, op="sync", after=0, wait=3),
        req(3, 11, op="logout"), req(3, 12, op="resume", token="nope"),
        req(1, 13, op="login", user="bob", password="wrong password"),
        req(2, 14, op="unregister", password=pw), req(1, 15, op="unregister", password=pw),
        req(1, 16, op="ping")))
    write("fuzz_dispatcher", "throttle", script(
        *[req(0, i, op="login", user="alice", password="wrong password") for i in range(1, 8)]))
    write("fuzz_dispatcher", "files", script(
        *accounts[:2], accounts[3], accounts[4], *friends[:2],
        req(0, 11, **REQUESTS[26]), req(0, 12, **REQUESTS[27]), req(0, 13, **REQUESTS[29]),
        req(1, 14, op="sync", after=0), req(1, 15, **REQUESTS[30])))


if __name__ == "__main__":
    main()
