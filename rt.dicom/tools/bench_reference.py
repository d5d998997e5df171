#!/usr/bin/python3
"""Decode speed of GDCM (through pydicom's GDCM handler; pydicom's own RLE/native handlers where GDCM has no
entry) on the files of one folder, in one process, for CodecBench. Usage: bench_reference.py ROUNDS DIR...
Prints one line per folder: "<dir> <seconds per round> <handler>"."""
import os
import sys
import time

import pydicom
from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, rle_handler

pydicom.config.pixel_data_handlers = [gdcm_handler, rle_handler, numpy_handler]
rounds = int(sys.argv[1])
for folder in sys.argv[2:]:
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    blobs = [open(f, "rb").read() for f in files]  # timed from memory, like the Java side's warm page cache

    def once():
        import io
        for b in blobs:
            pydicom.dcmread(io.BytesIO(b)).pixel_array

    try:
        once()
        t = time.perf_counter()
        for _ in range(rounds):
            once()
        print(folder, (time.perf_counter() - t) / rounds, flush=True)
    except Exception as e:
        print(folder, "error", str(e).replace("\n", " ")[:200], flush=True)
