/**
 * The image model shared by every bundle: a grid in DICOM patient coordinates (LPS, millimetres) with direction
 * cosines, and float volumes and masks on such grids. Voxel data are flat arrays, x fastest:
 * {@code index = i + nx * (j + ny * k)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package rt.api.image;
