#!/usr/bin/python3
"""Reference decoder for the codec tests: pydicom with GDCM (compressed syntaxes) and pydicom's own RLE and native
handlers. Usage: decode_reference.py OUT_DIR FILE... Writes OUT_DIR/<i>.raw (stored values of all frames as
little-endian int64, no rescale) and prints one line per file: "<i> ok" or "<i> error <reason>"."""
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, rle_handler

pydicom.config.pixel_data_handlers = [gdcm_handler, rle_handler, numpy_handler]

out_dir = sys.argv[1]
for i, name in enumerate(sys.argv[2:]):
    try:
        ds = pydicom.dcmread(name)
        a = np.asarray(ds.pixel_array).astype('<i8')
        a.tofile(f"{out_dir}/{i}.raw")
        print(i, "ok", flush=True)
    except Exception as e:  # one line per file; the Java test reports it
        print(i, "error", str(e).replace("\n", " ")[:300], flush=True)
