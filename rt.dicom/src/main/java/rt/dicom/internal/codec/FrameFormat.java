package rt.dicom.internal.codec;

/**
 * What a decoder must know about one monochrome frame: its size and the sample layout of the native form.
 *
 * @param columns image width
 * @param rows image height
 * @param bitsAllocated 8, 16 or 32
 * @param bitsStored significant bits of each sample
 * @param signed Pixel Representation 1 (two's complement in {@code bitsStored} bits)
 */
public record FrameFormat(int columns, int rows, int bitsAllocated, int bitsStored, boolean signed) {

    public int samples() {
        return columns * rows;
    }
}
