"""upload_big_file as BioTuring's Python SDK sends it (protocol 3.4), for the one-shot upload benchmark.

Wire-exact with spatialx_connector 0.2.x: requests, chunks read whole into memory and sent strictly one after
another, the nominal chunk size in every chunk, `offset` = the end of the block, then merge. No retry, no
resume, no checksum. Usage: python3 sdk_upload.py DOMAIN TOKEN FILE [SERVER_FOLDER]
"""
import os
import sys

import requests
import urllib3

urllib3.disable_warnings()

MIB = 1024 * 1024


def chunk_size(requested, file_size):
    if requested > 0:
        return min(requested, 100 * MIB)
    if file_size < 15 * MIB:
        return MIB
    if file_size < 100 * MIB:
        return 16 * MIB
    if file_size < 1024 * MIB:
        return 50 * MIB
    return 100 * MIB


def post(session, domain, endpoint, **kwargs):
    answer = session.post(domain.rstrip("/") + "/openapi/" + endpoint, verify=False, timeout=1800, **kwargs)
    answer.raise_for_status()
    envelope = answer.json()
    if envelope.get("status") != 0:
        raise RuntimeError("%s: %s" % (endpoint, envelope.get("message")))
    return envelope["message"]


def upload_big_file(domain, token, file_path, server_folder_name=""):
    session = requests.Session()
    session.headers["SpatialX-Token"] = token
    size = os.path.getsize(file_path)
    name = os.path.basename(file_path)
    if size < MIB:
        with open(file_path, "rb") as f:
            return post(session, domain, "upload/simple",
                        data={"folder_name": server_folder_name, "unique_id": "", "is_chunk": "False"},
                        files={"file": (name, f)})
    chunk = chunk_size(0, size)
    resp = post(session, domain, "upload/chunk/start", json={"folder_name": server_folder_name, "parent_is_file": 2})
    upload_id = resp["unique_id"]
    path = resp["root_folder"] if "root_folder" in resp else resp["path"]
    index = 0
    with open(file_path, "rb") as f:
        while True:
            block = f.read(chunk)
            if not block:
                break
            post(session, domain, "upload/chunk/process", data={
                "folder_name": server_folder_name, "parent_is_file": 2, "chunk_size": chunk, "file_size": size,
                "offset": min(size, (index + 1) * chunk), "name": name, "unique_id": upload_id, "path": path,
                "sending_index": index}, files={"file": ("file", block)})
            index += 1
    return post(session, domain, "upload/chunk/merge", json={
        "folder_name": server_folder_name, "parent_is_file": 2, "total": index, "name": name,
        "unique_id": upload_id, "path": path, "move_to_parent": True})


if __name__ == "__main__":
    print(upload_big_file(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")["path"])
