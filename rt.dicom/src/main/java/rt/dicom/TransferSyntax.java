package rt.dicom;

import java.util.Map;

/**
 * A transfer syntax: how a data set is encoded. The four native syntaxes are readable; every other UID is an
 * encapsulated (compressed) Explicit VR Little Endian syntax whose pixel data this codec does not decode.
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
        boolean encapsulated) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(
            "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);

    private static final Map<String, String> ENCAPSULATED_NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    /** The transfer syntax of a UID (trailing NUL/space removed); unknown UIDs are encapsulated Explicit VR LE. */
    public static TransferSyntax of(String uid) {
        String u = uid == null ? "" : uid.trim();
        int nul = u.indexOf('\0');
        if (nul >= 0) {
            u = u.substring(0, nul).trim();
        }
        return switch (u) {
            case "1.2.840.10008.1.2" -> IMPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1" -> EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1.99" -> DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.2" -> EXPLICIT_VR_BIG_ENDIAN;
            default -> new TransferSyntax(u, ENCAPSULATED_NAMES.getOrDefault(u, "unknown transfer syntax"), true,
                    false, false, true);
        };
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
