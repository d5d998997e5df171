package rt.dicom;

/**
 * What the reader found in one file.
 *
 * @param source         the file name or source label used in messages
 * @param fileMeta       the group 0002 file meta information (empty when the file has none)
 * @param dataset        the data set (up to where the read stopped)
 * @param transferSyntax the transfer syntax the data set was decoded with
 * @param preamble       whether the file had the 128-byte preamble and {@code DICM}
 * @param complete       false when the read stopped early ({@link ReadOptions#stopAtTag()}), e.g. before Pixel Data
 */
public record DicomFile(String source, DicomObject fileMeta, DicomObject dataset, TransferSyntax transferSyntax,
        boolean preamble, boolean complete) {
}
