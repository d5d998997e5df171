package rt.dvh.internal.engine;

import java.util.Locale;

/**
 * How the part of a ROI outside the dose grid counts in its DVH ({@code dvh.outside_dose}).
 *
 * <p>The default is {@link #CLAMP}: a planning system computes dose on a grid that usually covers the high-dose
 * region with a margin, so tissue just beyond the grid gets about the dose of the grid's outermost plane, not none;
 * dicompyler-core (which the upstream Python tool uses) does the same, so the tables stay comparable with it;
 * and {@code volume_cc} stays the structure's own volume. {@link #ZERO} counts the uncovered part as 0 Gy (a real
 * clinical export: Dmean −14 % for two organs one slice longer than the grid), {@link #EXCLUDE} leaves it out (the
 * DVH, its volume and every V-value describe the covered part only). Every DVH row says the fraction outside and the
 * mode, so a study can drop rows whose fraction matters.
 */
public enum OutsideDose {
    /** Left out of the DVH: volume, D- and V-values describe the part inside the dose grid. */
    EXCLUDE,
    /** The dose of the nearest grid voxel (the outermost plane beyond its ends). */
    CLAMP,
    /** 0 Gy. */
    ZERO;

    public static final OutsideDose DEFAULT = CLAMP;

    /** The configuration value: {@code exclude}, {@code clamp} or {@code zero}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration value (case-insensitive). */
    public static OutsideDose of(String value) {
        for (OutsideDose o : values()) {
            if (o.key().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("outside_dose: '" + value + "' is not one of exclude, clamp, zero");
    }
}
