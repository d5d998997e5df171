package rt.crop.internal;

/**
 * How far one structure reaches along the patient axis: the lowest and highest patient z (mm) of its voxel centres
 * (label maps) or contour planes (RTSTRUCT).
 */
record StructureExtent(String source, String name, double zMin, double zMax) {
}
