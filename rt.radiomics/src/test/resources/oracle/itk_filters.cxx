// Test oracle (compiled by ItkFilterOracleTest when ITK 5 headers are installed): runs ITK's own
// LaplacianRecursiveGaussianImageFilter (NormalizeAcrossScale on, as pyradiomics' getLoGImage) or
// GradientMagnitudeImageFilter (as pyradiomics' getGradientImage) on a raw little-endian float32 volume.
// usage: itk_filters log|grad nx ny nz sx sy sz sigma|useSpacing in.raw out.raw
#include "itkImage.h"
#include "itkLaplacianRecursiveGaussianImageFilter.h"
#include "itkGradientMagnitudeImageFilter.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using ImageType = itk::Image<float, 3>;

int main(int argc, char ** argv)
{
  if (argc != 11)
  {
    std::fprintf(stderr, "usage: itk_filters log|grad nx ny nz sx sy sz sigma|useSpacing in.raw out.raw\n");
    return 2;
  }
  ImageType::SizeType size;
  ImageType::SpacingType spacing;
  for (int d = 0; d < 3; ++d)
  {
    size[d] = std::atoi(argv[2 + d]);
    spacing[d] = std::atof(argv[5 + d]);
  }
  const double param = std::atof(argv[8]);
  const size_t n = size[0] * size[1] * size[2];
  auto image = ImageType::New();
  ImageType::RegionType region;
  region.SetSize(size);
  image->SetRegions(region);
  image->SetSpacing(spacing);
  image->Allocate();
  FILE * in = std::fopen(argv[9], "rb");
  if (!in || std::fread(image->GetBufferPointer(), sizeof(float), n, in) != n)
  {
    std::fprintf(stderr, "cannot read %s\n", argv[9]);
    return 1;
  }
  std::fclose(in);
  ImageType::Pointer out;
  if (std::strcmp(argv[1], "log") == 0)
  {
    auto f = itk::LaplacianRecursiveGaussianImageFilter<ImageType, ImageType>::New();
    f->SetInput(image);
    f->SetSigma(param);
    f->SetNormalizeAcrossScale(true);
    f->Update();
    out = f->GetOutput();
  }
  else
  {
    auto f = itk::GradientMagnitudeImageFilter<ImageType, ImageType>::New();
    f->SetInput(image);
    f->SetUseImageSpacing(param != 0);
    f->Update();
    out = f->GetOutput();
  }
  FILE * o = std::fopen(argv[10], "wb");
  if (!o || std::fwrite(out->GetBufferPointer(), sizeof(float), n, o) != n)
  {
    std::fprintf(stderr, "cannot write %s\n", argv[10]);
    return 1;
  }
  std::fclose(o);
  return 0;
}
