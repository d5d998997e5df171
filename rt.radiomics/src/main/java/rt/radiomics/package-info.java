/** Radiomics feature extraction with pyradiomics semantics and names (IBSI-compliant where pyradiomics is). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package rt.radiomics;
