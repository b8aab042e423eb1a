# Policies kept as files beside the configuration: a template rendered with lists, a resource ARN
# and a switch, and a plain JSON file.
variable "data_buckets" {
  type    = list(string)
  default = ["analytics-raw", "analytics-curated"]
}

variable "decrypt" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "logs" {
  bucket = "analytics-logs"
}

resource "aws_kms_key" "data" {
  description = "analytics data"
}

resource "aws_iam_role" "reader" {
  name = "analytics-reader"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "glue.amazonaws.com" } }]
  })
}

# Read-only on the named buckets' objects and the log bucket's, decrypt with one key: least privilege.
resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = aws_iam_role.reader.id
  policy = templatefile("${path.module}/policies/reader.json.tftpl", {
    actions        = ["s3:GetObject", "s3:GetObjectVersion"]
    bucket_arns    = [for b in var.data_buckets : "arn:aws:s3:::${b}"]
    log_bucket_arn = aws_s3_bucket.logs.arn
    allow_kms      = var.decrypt
    kms_key_arn    = aws_kms_key.data.arn
  })
}

# The same template given every object action: writes and deletes on the named buckets, reported
# as a wildcard action, not as access to every bucket.
resource "aws_iam_role_policy" "writer" {
  name = "writer"
  role = aws_iam_role.reader.id
  policy = templatefile("${path.module}/policies/reader.json.tftpl", {
    actions        = ["s3:*"]
    bucket_arns    = []
    log_bucket_arn = aws_s3_bucket.logs.arn
    allow_kms      = false
    kms_key_arn    = ""
  })
}

# A plain file: describe calls on `*` are fine, iam:PassRole on `*` is not.
resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = file("${path.module}/policies/ops.json")
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.reader.name
  policy_arn = aws_iam_policy.ops.arn
}
