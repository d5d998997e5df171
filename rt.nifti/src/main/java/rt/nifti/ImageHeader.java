package rt.nifti;

import rt.api.image.Grid;

/**
 * What a NIfTI or NRRD header says, converted to the rt image model.
 *
 * @param grid        the voxel grid in LPS mm
 * @param type        the stored voxel type (NRRD types are mapped to the NIfTI type of the same layout; NRRD
 *                    {@code uint}/{@code int64}… are rejected)
 * @param slope       scale applied to stored values (1 when the file has none)
 * @param intercept   offset applied after the slope (0 when none)
 * @param description NIfTI {@code descrip} or NRRD {@code content}, "" when absent
 */
public record ImageHeader(Grid grid, NiftiType type, double slope, double intercept, String description) {
}
