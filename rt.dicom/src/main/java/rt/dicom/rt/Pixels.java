package rt.dicom.rt;

import java.nio.ByteBuffer;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.TransferSyntax;

/** Decodes native (uncompressed) monochrome pixel data frames to floats. Package-private helper. */
final class Pixels {

    private Pixels() {
    }

    /** All frames of the data set's pixel data, each rows*columns values times slope plus intercept. */
    static float[][] frames(DicomObject ds, TransferSyntax ts, String source, int frames, double slope,
            double intercept) throws DicomException {
        int rows = ds.getInt(Tag.Rows, 0);
        int cols = ds.getInt(Tag.Columns, 0);
        int samples = ds.getInt(Tag.SamplesPerPixel, 1);
        if (rows <= 0 || cols <= 0) {
            throw new DicomException(source + ": missing or invalid Rows/Columns");
        }
        if (samples != 1) {
            throw new DicomException(source + ": " + samples + " samples per pixel (only monochrome supported)");
        }
        int pixelTag = ds.contains(Tag.PixelData) ? Tag.PixelData
                : ds.contains(Tag.FloatPixelData) ? Tag.FloatPixelData
                : ds.contains(Tag.DoubleFloatPixelData) ? Tag.DoubleFloatPixelData : -1;
        if (pixelTag < 0) {
            throw new DicomException(source + ": no pixel data");
        }
        if (ts.encapsulated()) {
            throw new DicomException(source + ": compressed pixel data (" + ts + ") is not supported");
        }
        if (ds.isEncapsulated(pixelTag)) {
            throw new DicomException(source + ": encapsulated (compressed) pixel data although the transfer syntax is "
                    + ts + "; not supported");
        }
        int bits = pixelTag == Tag.FloatPixelData ? 32 : pixelTag == Tag.DoubleFloatPixelData ? 64
                : ds.getInt(Tag.BitsAllocated, 16);
        int stored = ds.getInt(Tag.BitsStored, bits);
        boolean signed = ds.getInt(Tag.PixelRepresentation, 0) == 1;
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new DicomException(source + ": unsupported Bits Allocated " + bits);
        }
        ByteBuffer buf = ds.getValueBuffer(pixelTag);
        int bytesPer = bits / 8;
        long plane = (long) rows * cols;
        long needed = plane * frames * bytesPer;
        if (plane > buf.remaining() || frames > buf.remaining() || buf.remaining() < needed) {
            throw new DicomException(source + ": pixel data has " + buf.remaining() + " bytes, " + needed
                    + " needed for " + frames + " frame(s) of " + cols + "x" + rows + "x" + bits + " bit");
        }
        int shift = 32 - Math.max(1, Math.min(stored, 32));
        float[][] out = new float[frames][(int) plane];
        for (int f = 0; f < frames; f++) {
            float[] o = out[f];
            for (int i = 0; i < plane; i++) {
                double v;
                if (pixelTag == Tag.FloatPixelData) {
                    v = buf.getFloat();
                } else if (pixelTag == Tag.DoubleFloatPixelData) {
                    v = buf.getDouble();
                } else {
                    long raw = switch (bits) {
                        case 8 -> buf.get() & 0xFF;
                        case 16 -> buf.getShort() & 0xFFFF;
                        default -> buf.getInt() & 0xFFFFFFFFL;
                    };
                    if (signed) {
                        int r = (int) raw;
                        v = bits == 32 && stored >= 32 ? r : (r << shift) >> shift;
                    } else {
                        v = stored < bits ? raw & ((1L << stored) - 1) : raw;
                    }
                }
                o[i] = (float) (v * slope + intercept);
            }
        }
        return out;
    }
}
