package rt.segmentation.totalseg.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import rt.segmentation.totalseg.internal.RestrictedUnpickler.Global;
import rt.segmentation.totalseg.internal.RestrictedUnpickler.TensorRef;

/**
 * A PyTorch checkpoint ({@code torch.save}, zip format of PyTorch ≥ 1.6: {@code <name>/data.pkl} + one entry
 * {@code <name>/data/<key>} per storage, little-endian unless {@code <name>/byteorder} says otherwise). The pickle is
 * read by {@link RestrictedUnpickler}; storages are read lazily, so the optimizer state of an nnU-Net checkpoint (as
 * large as the weights) is never loaded.
 */
final class TorchCheckpoint implements Closeable {

    /** A storage named by a persistent id: zip key, element type (e.g. {@code FloatStorage}), element count. */
    record Storage(String key, String type, long numel) {
    }

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final ByteOrder order;
    private final Object root;

    private TorchCheckpoint(Path file, ZipFile zip, String prefix, ByteOrder order, Object root) {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.order = order;
        this.root = root;
    }

    /** Opens a checkpoint and unpickles its object tree (tensors as {@link TensorRef} of {@link Storage}). */
    static TorchCheckpoint open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
                throw new IOException(file + ": not a PyTorch zip checkpoint (legacy torch.save format or not a "
                        + "checkpoint); re-save it with torch >= 1.6");
            }
        }
        ZipFile zip = new ZipFile(file.toFile());
        try {
            ZipEntry pkl = zip.stream().filter(e -> e.getName().endsWith("/data.pkl")
                    && e.getName().indexOf('/') == e.getName().length() - "/data.pkl".length()).findFirst()
                    .orElseThrow(() -> new IOException(file + ": no <archive>/data.pkl: not a PyTorch checkpoint"));
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (bo != null) {
                String s;
                try (InputStream in = zip.getInputStream(bo)) {
                    s = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
                }
                order = s.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            byte[] data;
            try (InputStream in = zip.getInputStream(pkl)) {
                data = in.readAllBytes();
            }
            Object root = RestrictedUnpickler.load(data, file.toString(), pid -> storage(file, pid));
            return new TorchCheckpoint(file, zip, prefix, order, root);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static Storage storage(Path file, Object pid) throws IOException {
        if (pid instanceof List<?> t && t.size() >= 5 && "storage".equals(t.get(0)) && t.get(1) instanceof Global g
                && t.get(4) instanceof Number n) {
            String key = String.valueOf(t.get(2));
            if (!key.matches("[A-Za-z0-9_]+")) {
                throw new IOException(file + ": storage key '" + key + "' is not a plain name");
            }
            return new Storage(key, g.name(), n.longValue());
        }
        throw new IOException(file + ": unknown persistent id in the pickle (not a PyTorch storage)");
    }

    /** The unpickled object (for nnU-Net: a dict with network_weights, init_args, trainer_name, ...). */
    Object root() {
        return root;
    }

    Path file() {
        return file;
    }

    /** The values of a floating-point tensor as float32, in C order of its shape. */
    float[] floats(TensorRef t) throws IOException {
        if (!(t.storage() instanceof Storage s)) {
            throw new IOException(file + ": tensor without a storage");
        }
        int bytesPer = switch (s.type()) {
            case "FloatStorage" -> 4;
            case "DoubleStorage" -> 8;
            case "HalfStorage", "BFloat16Storage" -> 2;
            default -> throw new IOException(file + ": weights of type " + s.type() + " are not floating point");
        };
        long numel = t.numel();
        if (numel > Integer.MAX_VALUE / 2) {
            throw new IOException(file + ": tensor of " + numel + " elements is too large");
        }
        // the furthest element the view touches must lie inside the storage
        long last = t.offset();
        for (int d = 0; d < t.shape().length; d++) {
            last += (t.shape()[d] - 1) * t.stride()[d];
        }
        if (numel > 0 && (t.offset() < 0 || last >= s.numel())) {
            throw new IOException(file + ": tensor view beyond its storage " + s.key());
        }
        ZipEntry e = zip.getEntry(prefix + "data/" + s.key());
        if (e == null) {
            throw new IOException(file + ": storage " + s.key() + " missing");
        }
        ByteBuffer b;
        try (InputStream in = zip.getInputStream(e)) {
            byte[] raw = in.readAllBytes();
            if (raw.length < s.numel() * bytesPer) {
                throw new IOException(file + ": storage " + s.key() + " is truncated");
            }
            b = ByteBuffer.wrap(raw).order(order);
        }
        float[] out = new float[(int) numel];
        int rank = t.shape().length;
        long[] idx = new long[rank];
        for (int i = 0; i < out.length; i++) {
            long pos = t.offset();
            for (int d = 0; d < rank; d++) {
                pos += idx[d] * t.stride()[d];
            }
            out[i] = element(b, s.type(), (int) pos);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < t.shape()[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    private static float element(ByteBuffer b, String type, int i) {
        return switch (type) {
            case "FloatStorage" -> b.getFloat(i * 4);
            case "DoubleStorage" -> (float) b.getDouble(i * 8);
            case "HalfStorage" -> halfToFloat(b.getShort(i * 2));
            default -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16); // bfloat16
        };
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** The state dict under {@code key} of the root dict (tensor name to tensor). */
    Map<String, TensorRef> stateDict(String key) throws IOException {
        if (!(root instanceof Map<?, ?> m) || !(m.get(key) instanceof Map<?, ?> sd)) {
            throw new IOException(file + ": no '" + key + "' state dict in the checkpoint");
        }
        Map<String, TensorRef> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : sd.entrySet()) {
            if (e.getValue() instanceof TensorRef t) {
                out.put(String.valueOf(e.getKey()), t);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
