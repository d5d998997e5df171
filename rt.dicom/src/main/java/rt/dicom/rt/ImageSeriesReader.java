package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;

/**
 * Assembles single-frame image series (CT, MR, PT) into a {@link SeriesVolume}: slices sorted along the normal of
 * their (shared) image orientation, rescale slope/intercept applied, duplicates dropped with a warning, gaps and
 * non-uniform spacing reported (the latter resampled linearly onto the median spacing).
 */
public final class ImageSeriesReader {

    private record Slice(Path file, DicomObject header, double position) {
    }

    /** A file and its data set read up to the pixel data (null: not read yet). */
    private record Header(Path file, DicomObject dataset) {
    }

    private ImageSeriesReader() {
    }

    /**
     * Reads the series in a folder (not recursive). With {@code seriesInstanceUid} null the folder must hold
     * exactly one image series; files that are not DICOM images are ignored. Images without a Series Instance UID
     * (Type 1, but some anonymisers drop it) are grouped by frame of reference and image size instead, with a
     * warning, so a folder of such slices can still be read when no UID is asked for. An enhanced multi-frame
     * image (one file) is read as its series when it is the only series or the one asked for.
     */
    public static SeriesVolume readFolder(Path folder, String seriesInstanceUid) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<Header>> bySeries = new LinkedHashMap<>();
        int notDicom = 0;
        int notImage = 0;
        List<Path> multiFrame = new ArrayList<>();
        for (Path f : files) {
            DicomObject h;
            try {
                h = DicomReader.readHeader(f).dataset();
            } catch (DicomException e) {
                notDicom++;
                continue;
            }
            if (h.contains(Tag.PerFrameFunctionalGroupsSequence) && h.contains(Tag.Rows)
                    && !"RTDOSE".equals(h.getString(Tag.Modality))) {
                multiFrame.add(f); // enhanced multi-frame: its geometry is in the functional groups
                continue;
            }
            if (!h.contains(Tag.ImagePositionPatient) || !h.contains(Tag.Rows)
                    || "RTDOSE".equals(h.getString(Tag.Modality))) {
                notImage++;
                continue;
            }
            String uid = seriesUid(h);
            String key = !uid.isEmpty() ? uid
                    : "(no Series Instance UID, frame of reference " + h.getString(Tag.FrameOfReferenceUID, "-")
                            + ", " + h.getInt(Tag.Columns, 0) + "x" + h.getInt(Tag.Rows, 0) + ")";
            bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(new Header(f, h));
        }
        if (seriesInstanceUid != null) {
            List<Header> chosen = bySeries.get(seriesInstanceUid);
            for (Path f : multiFrame) {
                if (chosen == null && seriesInstanceUid.equals(seriesUid(DicomReader.readHeader(f).dataset()))) {
                    return MultiFrameReader.read(f);
                }
            }
            if (chosen == null) {
                throw new DicomException(folder + ": no image series " + seriesInstanceUid);
            }
            return assemble(chosen);
        }
        if (bySeries.isEmpty() && multiFrame.size() == 1) {
            return MultiFrameReader.read(multiFrame.get(0));
        }
        if (bySeries.size() != 1) {
            throw new DicomException(folder + ": " + (bySeries.isEmpty()
                    ? "no image series (" + files.size() + " files: " + notDicom + " not readable as DICOM, "
                            + notImage + " without image position or size)"
                    : bySeries.size() + " image series " + bySeries.keySet() + ", name one"));
        }
        return assemble(bySeries.values().iterator().next());
    }

    /**
     * Reads one image file as a volume: an enhanced or classic multi-frame image (frames sorted along the normal,
     * rescale per frame), or a single slice. Any supported transfer syntax.
     */
    public static SeriesVolume readFile(Path file) throws IOException {
        return MultiFrameReader.read(file);
    }

    /** The Series Instance UID, "" where absent or empty. */
    private static String seriesUid(DicomObject h) {
        String uid = h.getString(Tag.SeriesInstanceUID);
        return uid == null ? "" : uid.strip();
    }

    /** Reads the given files as one series (all must share series UID, orientation, size and pixel spacing). */
    public static SeriesVolume read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new DicomException("no files given for the image series");
        }
        return assemble(files.stream().map(f -> new Header(f, null)).toList());
    }

    /** {@link #read(List)} on headers, read here where not yet read (the folder scan reads each header once). */
    private static SeriesVolume assemble(List<Header> headers) throws IOException {
        List<Slice> slices = new ArrayList<>();
        double[] iop = null;
        double[] dir = null;
        String series = null;
        for (Header header : headers) {
            Path f = header.file;
            DicomObject h = header.dataset != null ? header.dataset : DicomReader.readHeader(f).dataset();
            double[] o = h.getDoubles(Tag.ImageOrientationPatient);
            double[] d = Geometry.directions(o);
            double[] ipp = h.getDoubles(Tag.ImagePositionPatient);
            if (d == null || ipp == null || ipp.length < 3) {
                throw new DicomException(f + ": missing or invalid Image Orientation/Position (Patient)");
            }
            String uid = seriesUid(h);
            if (series == null) {
                series = uid;
                iop = o;
                dir = d;
            } else if (!series.equals(uid)) {
                throw new DicomException(f + ": belongs to series " + uid + ", not " + series);
            } else if (!Geometry.sameOrientation(iop, o)) {
                throw new DicomException(f + ": image orientation differs from the rest of series " + series);
            }
            slices.add(new Slice(f, h, Geometry.along(dir, ipp)));
        }
        slices.sort(Comparator.comparingDouble(Slice::position));
        List<String> warnings = new ArrayList<>();
        if (series.isEmpty()) {
            warnings.add(slices.size() + " slices have no Series Instance UID (0020,000E): read as one series "
                    + "because they share frame of reference and image size");
        }
        List<Slice> kept = new ArrayList<>();
        for (Slice s : slices) {
            if (!kept.isEmpty() && Math.abs(s.position - kept.get(kept.size() - 1).position) < 1e-3) {
                warnings.add(String.format("duplicate slice at %.3f mm dropped: %s", s.position, s.file));
                continue;
            }
            kept.add(s);
        }
        DicomObject first = kept.get(0).header;
        int rows = first.getInt(Tag.Rows, 0);
        int cols = first.getInt(Tag.Columns, 0);
        double[] ps = first.getDoubles(Tag.PixelSpacing);
        if (ps == null || ps.length < 2 || !(ps[0] > 0) || !(ps[1] > 0)) {
            throw new DicomException(kept.get(0).file + ": missing or invalid Pixel Spacing");
        }
        float[][] planes = new float[kept.size()][];
        double[] positions = new double[kept.size()];
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            Slice s = kept.get(k);
            DicomFile full = DicomReader.read(s.file);
            DicomObject ds = full.dataset();
            if (ds.getInt(Tag.Rows, 0) != rows || ds.getInt(Tag.Columns, 0) != cols) {
                throw new DicomException(s.file + ": slice size differs from the rest of the series");
            }
            double slope = ds.getDouble(Tag.RescaleSlope, 1.0);
            double intercept = ds.getDouble(Tag.RescaleIntercept, 0.0);
            planes[k] = Pixels.frames(ds, full.transferSyntax(), s.file.toString(), 1, slope, intercept)[0];
            positions[k] = s.position;
            uids.add(ds.getString(Tag.SOPInstanceUID, ""));
        }
        double[] origin = first.getDoubles(Tag.ImagePositionPatient);
        SliceStack.Result r = SliceStack.stack(cols, rows, planes, positions, origin, new double[] {ps[1], ps[0]},
                dir, first.getDouble(Tag.SliceThickness, 1.0));
        warnings.addAll(r.warnings());
        String modality = first.getString(Tag.Modality, "OT");
        Quantity q = "CT".equals(modality) ? Quantity.HU : "MR".equals(modality) ? Quantity.INTENSITY
                : Quantity.OTHER;
        return new SeriesVolume(new Volume(r.grid(), r.voxels(), q), modality, first.getString(Tag.PatientID),
                first.getString(Tag.StudyInstanceUID), series, first.getString(Tag.FrameOfReferenceUID),
                first.getString(Tag.SOPClassUID), uids, positions, r.uniform(), warnings);
    }
}
