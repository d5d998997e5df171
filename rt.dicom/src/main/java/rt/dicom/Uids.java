package rt.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** UID generation ({@code 2.25.<UUID as unsigned integer>}, PS3.5 B.2) and well-known UIDs. */
public final class Uids {

    private Uids() {
    }

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String PET_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.128";
    public static final String RT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.1";
    public static final String RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2";
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
    public static final String RT_BEAMS_TREATMENT_RECORD_STORAGE = "1.2.840.10008.5.1.4.1.1.481.4";
    public static final String RT_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.5";
    public static final String RT_BRACHY_TREATMENT_RECORD_STORAGE = "1.2.840.10008.5.1.4.1.1.481.6";
    public static final String RT_TREATMENT_SUMMARY_RECORD_STORAGE = "1.2.840.10008.5.1.4.1.1.481.7";
    public static final String RT_ION_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.8";
    public static final String RT_ION_BEAMS_TREATMENT_RECORD_STORAGE = "1.2.840.10008.5.1.4.1.1.481.9";
    public static final String SPATIAL_REGISTRATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.1";
    public static final String DEFORMABLE_SPATIAL_REGISTRATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.3";

    /** Implementation Class UID written into the file meta of every file this codec writes. */
    public static final String IMPLEMENTATION_CLASS_UID = fromName("rt.dicom implementation 1");
    /** Implementation Version Name written into the file meta (at most 16 characters). */
    public static final String IMPLEMENTATION_VERSION_NAME = "RT_DICOM_1_0";

    /** A new random UID {@code 2.25.<random UUID as unsigned integer>}. */
    public static String create() {
        return fromUuid(UUID.randomUUID());
    }

    /** A reproducible UID derived from a name (name-based UUID, type 3), e.g. for synthetic test data. */
    public static String fromName(String name) {
        return fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code 2.25.} followed by the UUID's 128 bits as an unsigned decimal integer. */
    public static String fromUuid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /** Whether a string is a syntactically valid UID (digits and dots, no leading zeros, at most 64 chars). */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            if (i == uid.length() || uid.charAt(i) == '.') {
                int len = i - componentStart;
                if (len == 0 || (len > 1 && uid.charAt(componentStart) == '0')) {
                    return false;
                }
                componentStart = i + 1;
            } else if (uid.charAt(i) < '0' || uid.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
