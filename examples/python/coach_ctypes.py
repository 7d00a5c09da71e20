#!/usr/bin/env python3
"""Conversation Coach from Python through the C ABI (ctypes, standard library only).

  python3 coach_ctypes.py /path/to/libcoach.so
Run by CTest (examples/CMakeLists.txt), its output checked.
"""
import ctypes
import json
import sys

lib = ctypes.CDLL(sys.argv[1] if len(sys.argv) > 1 else "libcoach.so")
lib.coach_version.restype = ctypes.c_char_p
lib.coach_load.restype = ctypes.c_void_p
lib.coach_load.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
lib.coach_analyze.restype = ctypes.c_void_p
lib.coach_analyze.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
lib.coach_session_new.restype = ctypes.c_void_p
lib.coach_session_new.argtypes = [ctypes.c_void_p, ctypes.c_ulonglong]
lib.coach_turn.restype = ctypes.c_void_p
lib.coach_turn.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p]
lib.coach_session_save.restype = ctypes.c_void_p
lib.coach_session_save.argtypes = [ctypes.c_void_p]
lib.coach_session_free.argtypes = [ctypes.c_void_p]
lib.coach_engine_free.argtypes = [ctypes.c_void_p]
lib.coach_free.argtypes = [ctypes.c_void_p]


def take(ptr):
    """Copy a library-owned string into Python, then free it."""
    text = ctypes.cast(ptr, ctypes.c_char_p).value.decode("utf-8")
    lib.coach_free(ptr)
    return text


err = ctypes.c_void_p()
engine = lib.coach_load(json.dumps({"language": "en"}).encode(), ctypes.byref(err))
if not engine:
    sys.exit(take(err))
print("version", lib.coach_version().decode())

analysis = json.loads(take(lib.coach_analyze(engine, "You're so selfish 🙄".encode())))
print("categories:", ",".join(analysis["categories"]))
print("quotes:", " | ".join(f["quote"] for f in analysis["findings"]))

session = lib.coach_session_new(engine, 0)
turn = json.loads(take(lib.coach_turn(engine, session, json.dumps({"text": "I'm sorry, I was wrong"}).encode())))
print("repair groups:", ",".join(r["group"] for r in turn["signals"]["repair"]))
saved = json.loads(take(lib.coach_session_save(session)))
print("ledger:", saved["positive"], "positive,", saved["negative"], "negative")

bad = lib.coach_load(json.dumps({"rules": "/no/such/dir"}).encode(), ctypes.byref(err))
print("bad rules:", "refused" if not bad else "loaded", "-", json.loads(take(err))["error"])

lib.coach_session_free(session)
lib.coach_engine_free(engine)
