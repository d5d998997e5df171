package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Python pickle (protocols 2-5, as {@code torch.save} writes them) into plain Java values without running
 * anything: None → {@code null}, bool → Boolean, int → Long (BigInteger when larger), float → Double, str → String,
 * bytes → byte[], list → ArrayList, tuple → unmodifiable List, dict/OrderedDict → LinkedHashMap, set → Set.
 * <p>
 * A pickle may name any Python callable (GLOBAL / STACK_GLOBAL) and ask for it to be called (REDUCE, NEWOBJ, BUILD);
 * that is how a checkpoint can carry {@code os.system}. Only the globals of {@link #ALLOWED} are accepted: PyTorch's
 * tensor rebuild functions and storage types, {@code collections.OrderedDict}, and the inert data types a real
 * nnU-Net checkpoint contains ({@code torch.device} in {@code init_args}, numpy float scalars in {@code logging},
 * {@code _codecs.encode} which protocol 2 uses for those scalars' bytes). None of them is called: each is turned into
 * a Java value here. Any other global, and the opcodes that instantiate classes by name (INST, OBJ, EXT*), are refused
 * with a one-line error naming the file and the global.
 */
final class RestrictedUnpickler {

    /** Receives the persistent ids of BINPERSID (PyTorch's storages) and returns what they stand for. */
    interface PersistentLoader {
        Object load(Object pid) throws IOException;
    }

    /** A named Python global that passed the allowlist. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** A PyTorch tensor: a view of a storage (element offset, shape, strides in elements). */
    record TensorRef(Object storage, long offset, long[] shape, long[] stride) {
        long numel() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** A numpy dtype (only its type string and byte order matter for scalars). */
    static final class NumpyDtype {
        final String type;
        String byteOrder = "|";

        NumpyDtype(String type) {
            this.type = type;
        }
    }

    static final Set<String> STORAGES = Set.of("FloatStorage", "DoubleStorage", "HalfStorage", "BFloat16Storage",
            "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage");

    static final Set<String> ALLOWED = Set.of("torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
            "collections.OrderedDict", "torch.device", "numpy.core.multiarray.scalar",
            "numpy._core.multiarray.scalar", "numpy.dtype", "_codecs.encode");

    private static final Object MARK = new Object();

    private final ByteBuffer in;
    private final String where;
    private final PersistentLoader persistent;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    private RestrictedUnpickler(byte[] data, String where, PersistentLoader persistent) {
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
        this.persistent = persistent;
    }

    /** Unpickles {@code data}; {@code where} names the file in errors. */
    static Object load(byte[] data, String where, PersistentLoader persistent) throws IOException {
        try {
            return new RestrictedUnpickler(data, where, persistent).run();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | ClassCastException e) {
            throw new IOException(where + ": malformed pickle (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Object run() throws IOException {
        while (true) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME: framing is only a hint for buffered readers
                case 0x2e -> { // STOP
                    return pop();
                }
                case 0x28 -> { // MARK
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case 0x30 -> pop(); // POP
                case 0x31 -> popMark(); // POP_MARK
                case 0x32 -> stack.add(top()); // DUP
                case 0x4e -> stack.add(null); // NONE
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 0x4a -> stack.add((long) in.getInt()); // BININT
                case 0x4b -> stack.add((long) (in.get() & 0xff)); // BININT1
                case 0x4d -> stack.add((long) (in.getShort() & 0xffff)); // BININT2
                case 0x8a -> stack.add(longN(in.get() & 0xff)); // LONG1
                case 0x8b -> stack.add(longN(length(in.getInt()))); // LONG4
                case 0x47 -> stack.add(bigEndianDouble()); // BINFLOAT
                case 0x58 -> stack.add(string(length(in.getInt()))); // BINUNICODE
                case 0x8c -> stack.add(string(in.get() & 0xff)); // SHORT_BINUNICODE
                case 0x8d -> stack.add(string(length(in.getLong()))); // BINUNICODE8
                case 0x54 -> stack.add(string(length(in.getInt()))); // BINSTRING (py2 str)
                case 0x55 -> stack.add(string(in.get() & 0xff)); // SHORT_BINSTRING
                case 0x42 -> stack.add(bytes(length(in.getInt()))); // BINBYTES
                case 0x43 -> stack.add(bytes(in.get() & 0xff)); // SHORT_BINBYTES
                case 0x8e, 0x96 -> stack.add(bytes(length(in.getLong()))); // BINBYTES8, BYTEARRAY8
                case 0x29 -> stack.add(List.of()); // EMPTY_TUPLE
                case 0x85 -> stack.add(tuple(List.of(pop()))); // TUPLE1
                case 0x86 -> { // TUPLE2
                    Object b = pop();
                    stack.add(tuple(List.of(pop(), b)));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    stack.add(tuple(List.of(pop(), b, c)));
                }
                case 0x74 -> stack.add(tuple(popMark())); // TUPLE
                case 0x5d -> stack.add(new ArrayList<>()); // EMPTY_LIST
                case 0x6c -> stack.add(new ArrayList<>(popMark())); // LIST
                case 0x7d -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
                case 0x64 -> stack.add(dict(popMark(), new LinkedHashMap<>())); // DICT
                case 0x8f -> stack.add(new LinkedHashSet<>()); // EMPTY_SET
                case 0x91 -> stack.add(Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET
                case 0x61 -> { // APPEND
                    Object v = pop();
                    list(top()).add(v);
                }
                case 0x65 -> { // APPENDS
                    List<Object> items = popMark();
                    list(top()).addAll(items);
                }
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    set(top()).addAll(items);
                }
                case 0x73 -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    map(top()).put(k, v);
                }
                case 0x75 -> { // SETITEMS
                    List<Object> items = popMark();
                    dict(items, map(top()));
                }
                case 0x71 -> memo.put(in.get() & 0xff, top()); // BINPUT
                case 0x72 -> memo.put(in.getInt(), top()); // LONG_BINPUT
                case 0x94 -> memo.put(memo.size(), top()); // MEMOIZE
                case 0x68 -> stack.add(memoGet(in.get() & 0xff)); // BINGET
                case 0x6a -> stack.add(memoGet(in.getInt())); // LONG_BINGET
                case 0x63 -> stack.add(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    stack.add(global(String.valueOf(pop()), String.valueOf(name)));
                }
                case 0x52 -> { // REDUCE
                    Object args = pop();
                    stack.add(call(pop(), tupleArgs(args)));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    stack.add(call(pop(), tupleArgs(args)));
                }
                case 0x62 -> { // BUILD
                    Object state = pop();
                    build(top(), state);
                }
                case 0x51 -> stack.add(persistent.load(pop())); // BINPERSID
                case 0x69, 0x6f, 0x92, 0x82, 0x83, 0x84 -> throw new IOException(where
                        + ": refused: the pickle instantiates a class by name (opcode 0x" + Integer.toHexString(op)
                        + "), which a PyTorch state dict never needs");
                default -> throw new IOException(where + ": unsupported pickle opcode 0x" + Integer.toHexString(op)
                        + " at byte " + (in.position() - 1));
            }
        }
    }

    private Object global(String module, String name) throws IOException {
        String full = module + "." + name;
        boolean storage = module.equals("torch") && STORAGES.contains(name);
        if (!storage && !ALLOWED.contains(full)) {
            throw new IOException(where + ": refused: the pickle names " + full
                    + ", which is not a tensor-rebuild or plain-data global (only torch storages, "
                    + "torch._utils._rebuild_*, collections.OrderedDict, torch.device and numpy scalars are read)");
        }
        return new Global(module, name);
    }

    private Object call(Object callable, List<Object> args) throws IOException {
        if (!(callable instanceof Global g)) {
            throw new IOException(where + ": refused: the pickle calls a " + describe(callable)
                    + ", not an allowed global");
        }
        switch (g.toString()) {
            case "collections.OrderedDict" -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
                    for (Object p : pairs) {
                        List<?> kv = (List<?>) p;
                        m.put(kv.get(0), kv.get(1));
                    }
                }
                return m;
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                return new TensorRef(args.get(0), number(args.get(1)), longs(args.get(2)), longs(args.get(3)));
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                return args.get(0);
            }
            case "torch.device" -> {
                return args.size() > 1 && args.get(1) != null ? args.get(0) + ":" + args.get(1)
                        : String.valueOf(args.get(0));
            }
            case "numpy.dtype" -> {
                return new NumpyDtype(String.valueOf(args.get(0)));
            }
            case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar" -> {
                return numpyScalar((NumpyDtype) args.get(0), (byte[]) args.get(1));
            }
            case "_codecs.encode" -> {
                // protocol 2 stores bytes as encode(str, 'latin1'): one char per byte
                return String.valueOf(args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> throw new IOException(where + ": refused: the pickle calls " + g
                    + ", which only names a type");
        }
    }

    private void build(Object target, Object state) throws IOException {
        if (target instanceof NumpyDtype d && state instanceof List<?> s && s.size() > 1) {
            d.byteOrder = String.valueOf(s.get(1));
        } else if (!(target instanceof Map<?, ?>)) {
            // An OrderedDict's BUILD sets attributes (a state dict's _metadata): irrelevant here. Nothing else may.
            throw new IOException(where + ": refused: the pickle sets the state of a " + describe(target));
        }
    }

    private static Object numpyScalar(NumpyDtype dtype, byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(">".equals(dtype.byteOrder) ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        return switch (dtype.type) {
            case "f8" -> b.getDouble();
            case "f4" -> (double) b.getFloat();
            case "i8", "u8" -> b.getLong();
            case "i4" -> (long) b.getInt();
            case "i2" -> (long) b.getShort();
            case "i1" -> (long) b.get();
            case "u1" -> (long) (b.get() & 0xff);
            case "b1" -> b.get() != 0;
            default -> "numpy " + dtype.type + " scalar"; // inert: logging values only
        };
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    private static long[] longs(Object o) {
        List<?> l = (List<?>) o;
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i));
        }
        return out;
    }

    private Object longN(int n) {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private double bigEndianDouble() {
        double d = in.order(ByteOrder.BIG_ENDIAN).getDouble();
        in.order(ByteOrder.LITTLE_ENDIAN);
        return d;
    }

    private int length(long n) throws IOException {
        if (n < 0 || n > in.remaining()) {
            throw new IOException(where + ": malformed pickle (length " + n + " beyond the end)");
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private String string(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte c = in.get();
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() > 200) {
                throw new IOException(where + ": malformed pickle (GLOBAL name too long)");
            }
            sb.append((char) (c & 0xff));
        }
    }

    private Object memoGet(int key) throws IOException {
        if (!memo.containsKey(key)) {
            throw new IOException(where + ": malformed pickle (memo " + key + " unset)");
        }
        return memo.get(key);
    }

    private Object pop() throws IOException {
        if (stack.isEmpty()) {
            throw new IOException(where + ": malformed pickle (stack underflow)");
        }
        Object o = stack.remove(stack.size() - 1);
        if (o == MARK) {
            throw new IOException(where + ": malformed pickle (unexpected mark)");
        }
        return o;
    }

    private Object top() throws IOException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new IOException(where + ": malformed pickle (stack underflow)");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws IOException {
        if (marks.isEmpty()) {
            throw new IOException(where + ": malformed pickle (no mark)");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private List<Object> tupleArgs(Object args) throws IOException {
        if (!(args instanceof List<?> l)) {
            throw new IOException(where + ": malformed pickle (call arguments are not a tuple)");
        }
        @SuppressWarnings("unchecked")
        List<Object> out = (List<Object>) l;
        return out;
    }

    private Map<Object, Object> dict(List<Object> items, Map<Object, Object> into) throws IOException {
        if (items.size() % 2 != 0) {
            throw new IOException(where + ": malformed pickle (odd number of dict items)");
        }
        for (int i = 0; i < items.size(); i += 2) {
            into.put(items.get(i), items.get(i + 1));
        }
        return into;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws IOException {
        if (!(o instanceof ArrayList<?>)) {
            throw new IOException(where + ": malformed pickle (append to a " + describe(o) + ")");
        }
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(Object o) throws IOException {
        if (!(o instanceof LinkedHashSet<?>)) {
            throw new IOException(where + ": malformed pickle (add to a " + describe(o) + ")");
        }
        return (Set<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> map(Object o) throws IOException {
        if (!(o instanceof LinkedHashMap<?, ?>)) {
            throw new IOException(where + ": malformed pickle (set item of a " + describe(o) + ")");
        }
        return (Map<Object, Object>) o;
    }
}
