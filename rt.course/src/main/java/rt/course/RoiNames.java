package rt.course;

/**
 * How an ROI is named in every table: the name its source gives it (the RTSTRUCT's ROI Name for manual and custom
 * structures, the label map's class name for a segmentation model), with surrounding blanks removed and control
 * characters (which would break CSV rows and log lines) replaced by a space. Case and inner spelling are kept: a
 * physicist's "PTV_High" stays "PTV_High", and the same ROI is spelled identically in DVH, radiomics and QC.
 */
public final class RoiNames {

    private RoiNames() {
    }

    /** The table name of an ROI; {@code label_<n>} stands in for a label without a name. */
    public static String of(String raw, int labelIfUnnamed) {
        String n = of(raw);
        return n.isEmpty() ? "label_" + labelIfUnnamed : n;
    }

    public static String of(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }
}
