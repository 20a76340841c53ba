"""A small OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1, SSE streaming,
scripted replies, an error mode and a slow mode. The real ``openai`` client talks to it."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


UNSCRIPTED = "材料未涉及"  # the reply when a test scripted none: the model's refusal marker


@dataclass
class Reply:
    text: str = ""
    status: int = 200  # non-200: an API error with this status
    delay: float = 0.0  # seconds before answering (the slow case)
    pieces: int = 4  # SSE chunks the text is cut into
    error: str = "scripted failure"  # the error message of a non-200 reply


@dataclass
class FakeLLM:
    replies: list[Reply] = field(default_factory=list)  # consumed in order; then `default`
    default: Reply = field(default_factory=lambda: Reply(UNSCRIPTED))
    requests: list[dict] = field(default_factory=list)
    url: str = ""

    def reset(self) -> None:
        self.replies.clear()
        self.requests.clear()
        self.default = Reply(UNSCRIPTED)

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else self.default


def _handler(fake: FakeLLM):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):  # noqa: N802 - http.server's naming
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if not self.path.endswith("/chat/completions"):
                self._json(404, {"error": {"message": "not found"}})
                return
            fake.requests.append(body)
            reply = fake.next_reply()
            if reply.delay:
                time.sleep(reply.delay)
            if reply.status != 200:
                self._json(reply.status, {"error": {"message": reply.error, "type": "server_error"}})
                return
            base = {"id": "chatcmpl-test", "created": int(time.time()), "model": body.get("model", "fake")}
            if not body.get("stream"):
                self._json(200, {**base, "object": "chat.completion", "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": reply.text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            step = max(1, -(-len(reply.text) // reply.pieces))
            pieces = [reply.text[i:i + step] for i in range(0, len(reply.text), step)]
            for i, piece in enumerate(pieces):
                delta = {"content": piece} if i else {"role": "assistant", "content": piece}
                chunk = {**base, "object": "chat.completion.chunk",
                         "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            done = {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())
            self.wfile.flush()

    return Handler


class FakeLLMServer:
    def __init__(self):
        self.fake = FakeLLM()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        self.httpd.daemon_threads = True
        self.fake.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FakeLLM:
        self.thread.start()
        return self.fake

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
