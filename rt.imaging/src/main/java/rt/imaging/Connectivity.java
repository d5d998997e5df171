package rt.imaging;

/** Which neighbours of a voxel are connected to it. */
public enum Connectivity {
    /** Face neighbours only (6 in 3D, 4 within a slice). */
    SIX,
    /** Face, edge and corner neighbours (26 in 3D, 8 within a slice). */
    TWENTY_SIX
}
