package rt.dicom.rt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import rt.dicom.DicomException;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.TransferSyntax;
import rt.dicom.internal.codec.Codecs;
import rt.dicom.internal.codec.FrameDecoder;
import rt.dicom.internal.codec.FrameFormat;
import rt.dicom.internal.codec.Fragments;

/**
 * Decodes monochrome pixel data frames to floats: native (any byte order, also after Deflate) or encapsulated in
 * one of the compressed syntaxes of {@link Codecs}. Package-private helper.
 */
final class Pixels {

    private Pixels() {
    }

    /** All frames of the data set's pixel data, each rows*columns values times slope plus intercept. */
    static float[][] frames(DicomObject ds, TransferSyntax ts, String source, int frames, double slope,
            double intercept) throws DicomException {
        double[] slopes = new double[frames];
        double[] intercepts = new double[frames];
        java.util.Arrays.fill(slopes, slope);
        java.util.Arrays.fill(intercepts, intercept);
        return frames(ds, ts, source, slopes, intercepts);
    }

    /** As above with a rescale per frame (multi-frame images carry one per frame). */
    static float[][] frames(DicomObject ds, TransferSyntax ts, String source, double[] slope, double[] intercept)
            throws DicomException {
        int frames = slope.length;
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
        int bits = pixelTag == Tag.FloatPixelData ? 32 : pixelTag == Tag.DoubleFloatPixelData ? 64
                : ds.getInt(Tag.BitsAllocated, 16);
        int stored = ds.getInt(Tag.BitsStored, bits);
        boolean signed = ds.getInt(Tag.PixelRepresentation, 0) == 1;
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new DicomException(source + ": unsupported Bits Allocated " + bits);
        }
        if (ds.isEncapsulated(pixelTag) || ts.encapsulated()) {
            if (!ds.isEncapsulated(pixelTag) || pixelTag != Tag.PixelData || bits > 32) {
                throw new DicomException(source + ": pixel data is not encapsulated as " + ts + " requires");
            }
            return decodeEncapsulated(ds, ts, source, new FrameFormat(cols, rows, bits, stored, signed), slope,
                    intercept);
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
                o[i] = (float) (v * slope[f] + intercept[f]);
            }
        }
        return out;
    }

    private static float[][] decodeEncapsulated(DicomObject ds, TransferSyntax ts, String source, FrameFormat format,
            double[] slope, double[] intercept) throws DicomException {
        int frames = slope.length;
        try {
            FrameDecoder decoder = Codecs.decoder(ts.uid());
            List<byte[]> compressed = Fragments.frames(ds.getValueBuffer(Tag.PixelData), frames,
                    extendedOffsets(ds));
            int stored = Math.max(1, Math.min(format.bitsStored(), 32));
            int shift = 32 - stored;
            long mask = stored >= 32 ? 0xFFFFFFFFL : (1L << stored) - 1;
            float[][] out = new float[frames][];
            for (int f = 0; f < frames; f++) {
                int[] raw = decoder.decode(compressed.get(f), format);
                float[] o = new float[raw.length];
                double s = slope[f];
                double c = intercept[f];
                for (int i = 0; i < raw.length; i++) {
                    long v = format.signed() ? (raw[i] << shift) >> shift : raw[i] & mask;
                    o[i] = (float) (v * s + c);
                }
                out[f] = o;
            }
            return out;
        } catch (IOException e) {
            throw new DicomException(source + ": cannot decode " + ts + " pixel data: " + e.getMessage(), e);
        }
    }

    private static long[] extendedOffsets(DicomObject ds) {
        ByteBuffer b = ds.getValueBuffer(Tag.ExtendedOffsetTable);
        if (b == null || b.remaining() < 8) {
            return null;
        }
        b = b.order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }
}
