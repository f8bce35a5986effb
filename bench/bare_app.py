"""The floor for bench/web.py: a bare Flask app with one JSON route, nothing else."""

from flask import Flask, jsonify

app = Flask(__name__)
REPORT = {"id": "0" * 32, "status": "done", "progress": 100, "result": {"score_after": 80}}


@app.get("/api/v1/applications/<application_id>")
def application(application_id: str):
    return jsonify(REPORT | {"id": application_id})
