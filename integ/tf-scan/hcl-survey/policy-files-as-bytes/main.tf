# Policy documents carried as base64 (filebase64) and buckets and keys named after the hash of a
# build artifact (filesha256, filemd5, filebase64sha256 of a file that is not text): the files are
# read as bytes, as Terraform reads them at plan time.
locals {
  artifact = "${path.module}/build/handler.bin"
  # A short, stable id of the build: the bucket of its release.
  build_id = substr(filesha256(local.artifact), 0, 12)
  # Each policy file shipped as base64, as a pipeline that passes documents through user data would.
  encoded = { for f in fileset("${path.module}/policies", "*.json") : trimsuffix(f, ".json") => filebase64("${path.module}/policies/${f}") }
}

resource "aws_s3_bucket" "releases" {
  for_each = toset([local.build_id])
  bucket   = "releases-${each.key}"
}

resource "aws_iam_role" "deployer" {
  name = "release-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

# One policy per document decoded from its base64: the operator's grants everything.
resource "aws_iam_role_policy" "shipped" {
  for_each = local.encoded
  name     = each.key
  role     = aws_iam_role.deployer.id
  policy   = base64decode(each.value)
}

# The deployer reads only the release of this build, named by the artifact's MD5.
resource "aws_iam_role_policy" "release" {
  name = "release-${local.build_id}"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "${aws_s3_bucket.releases[local.build_id].arn}/handler-${filemd5(local.artifact)}.bin"
    }]
  })
}

# Anyone may fetch the release whose checksum matches the artifact's: an object open to everyone.
resource "aws_s3_bucket_policy" "releases" {
  for_each = aws_s3_bucket.releases
  bucket   = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${each.value.arn}/*"
      Condition = { StringEquals = { "s3:ExistingObjectTag/sha256" = filebase64sha256(local.artifact) } }
    }]
  })
}

# A document read as text from a file that is not UTF-8 is Terraform's error, not a policy.
resource "aws_iam_policy" "garbled" {
  name   = "garbled"
  policy = file(local.artifact)
}
