#!/usr/bin/python3
"""Writes uncompressed (Explicit VR Little Endian) copies of the compressed DICOM images in a folder.

rt.dicom reads native pixel data only; TotalSegmentator's example DICOM series is JPEG 2000, so the external-data
test (ExternalCtTest) decodes it with pydicom + Pillow (Debian python3-pydicom, python3-pil) first.
Usage: decompress_dicom.py IN_DIR OUT_DIR
"""
import os
import sys

import pydicom
from pydicom.uid import ExplicitVRLittleEndian


def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(src)):
        ds = pydicom.dcmread(os.path.join(src, name))
        pixels = ds.pixel_array
        ds.PixelData = pixels.tobytes()
        ds["PixelData"].is_undefined_length = False
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.save_as(os.path.join(dst, name), write_like_original=False)
        n += 1
    print(f"decompressed {n} files into {dst}")


if __name__ == "__main__":
    main()
