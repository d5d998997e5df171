package rt.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DICOM data dictionary (PS3.6 registry): VR, VM and keyword per tag, loaded once from the generated resource
 * {@code rt/dicom/internal/dictionary.txt} (see {@code rt.dicom/tools/gen_dictionary.py} for its provenance).
 * Used for Implicit VR data and for VR defaults when building data sets.
 */
public final class DicomDictionary {

    private record Entry(VR vr, String vm, String keyword) {
    }

    private record Repeater(int mask, int value, Entry entry) {
    }

    private static final class Holder {
        static final DicomDictionary INSTANCE = load();
    }

    private final Map<Integer, Entry> byTag;
    private final Map<String, Integer> byKeyword;
    private final List<Repeater> repeaters;

    private DicomDictionary(Map<Integer, Entry> byTag, Map<String, Integer> byKeyword, List<Repeater> repeaters) {
        this.byTag = byTag;
        this.byKeyword = byKeyword;
        this.repeaters = repeaters;
    }

    /** The VR of a tag for Implicit VR data: the registry's (first) VR, UL for group lengths, LO for private
     * creators, UN when unknown. */
    public static VR vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) {
            return VR.UL;
        }
        int group = tag >>> 16;
        if ((group & 1) == 1) {
            int element = tag & 0xFFFF;
            return element >= 0x10 && element <= 0xFF ? VR.LO : VR.UN;
        }
        Entry e = Holder.INSTANCE.entry(tag);
        return e == null ? VR.UN : e.vr;
    }

    /** Whether the registry knows the tag. */
    public static boolean contains(int tag) {
        return Holder.INSTANCE.entry(tag) != null;
    }

    /** The registry keyword of a tag, or {@code null}. */
    public static String keywordOf(int tag) {
        Entry e = Holder.INSTANCE.entry(tag);
        return e == null ? null : e.keyword;
    }

    /** The value multiplicity of a tag as in the registry ({@code "1"}, {@code "3"}, {@code "1-n"}), or null. */
    public static String vmOf(int tag) {
        Entry e = Holder.INSTANCE.entry(tag);
        return e == null ? null : e.vm;
    }

    /** The tag of a keyword, or -1. */
    public static int tagOf(String keyword) {
        Integer t = Holder.INSTANCE.byKeyword.get(keyword);
        return t == null ? -1 : t;
    }

    private Entry entry(int tag) {
        Entry e = byTag.get(tag);
        if (e != null) {
            return e;
        }
        for (Repeater r : repeaters) {
            if ((tag & r.mask) == r.value) {
                return r.entry;
            }
        }
        return null;
    }

    private static DicomDictionary load() {
        Map<Integer, Entry> byTag = new HashMap<>(8192);
        Map<String, Integer> byKeyword = new HashMap<>(8192);
        List<Repeater> repeaters = new ArrayList<>();
        try (InputStream in = DicomDictionary.class.getResourceAsStream("/rt/dicom/internal/dictionary.txt")) {
            if (in == null) {
                throw new IllegalStateException("rt.dicom dictionary resource missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split(" ");
                String vrName = f[1].split("\\|")[0];
                VR vr = VR.parse(vrName);
                Entry entry = new Entry(vr == null ? VR.UN : vr, f[2], f[3]);
                String tag = f[0];
                if (tag.indexOf('x') >= 0) {
                    int mask = 0;
                    int value = 0;
                    for (int n = 0; n < 8; n++) {
                        char c = tag.charAt(n);
                        mask <<= 4;
                        value <<= 4;
                        if (c != 'x') {
                            mask |= 0xF;
                            value |= Character.digit(c, 16);
                        }
                    }
                    repeaters.add(new Repeater(mask, value, entry));
                } else {
                    int t = (int) Long.parseLong(tag, 16);
                    byTag.put(t, entry);
                    byKeyword.putIfAbsent(entry.keyword, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DicomDictionary(Map.copyOf(byTag), Map.copyOf(byKeyword), List.copyOf(repeaters));
    }
}
