# Grants bounded in time by aws:CurrentTime conditions computed from a given start: the end of each
# window is timeadd() of it, capped by timecmp() at a hard limit, and the names carry the end as
# formatdate() writes it. All computed as Terraform computes them at plan time.
variable "granted_at" {
  default = "2026-11-02T08:30:00+01:00"
}

variable "windows" {
  default = { short = 36, long = 2000 }
}

variable "hard_limit" {
  default = "2026-12-31T23:59:59Z"
}

locals {
  # The end of each window, never beyond the hard limit whatever window is asked for.
  ends = {
    for name, hours in var.windows : name => (
      timecmp(timeadd(var.granted_at, "${hours}h"), var.hard_limit) < 0
      ? timeadd(var.granted_at, "${hours}h")
      : var.hard_limit
    )
  }
  # The review of the break-glass access, 90 days after the start.
  review_at = timeadd(var.granted_at, "2160h")
}

resource "aws_s3_bucket" "incidents" {
  bucket = "incident-evidence-${formatdate("YYYY-MM", var.granted_at)}"
}

resource "aws_iam_role" "responder" {
  name = "incident-responder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
      Condition = { DateLessThan = { "aws:CurrentTime" = local.review_at } }
    }]
  })
}

# Reads the evidence bucket until its window ends, and is denied everything after it.
resource "aws_iam_role_policy" "evidence" {
  for_each = { for name, end in local.ends : "${name}-${formatdate("YYYYMMDDhhmm", end)}" => end }
  name     = "evidence-${each.key}"
  role     = aws_iam_role.responder.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadUntil${formatdate("YYYYMMDDhhmm", each.value)}"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [aws_s3_bucket.incidents.arn, "${aws_s3_bucket.incidents.arn}/*"]
        Condition = {
          DateGreaterThan = { "aws:CurrentTime" = var.granted_at }
          DateLessThan    = { "aws:CurrentTime" = each.value }
        }
      },
      {
        Sid       = "DenyAfter${formatdate("YYYYMMDDhhmm", each.value)}"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { DateGreaterThan = { "aws:CurrentTime" = each.value } }
      },
    ]
  })
}

# The break-glass twin, one per window: a time window does not make passing any role least privilege.
resource "aws_iam_role_policy" "break_glass" {
  for_each = { for name, end in local.ends : "${name}-${formatdate("YYYYMMDDhhmm", end)}" => end }
  name     = "break-glass-${each.key}"
  role     = aws_iam_role.responder.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PassAnyRoleUntil${formatdate("YYYYMMDD", local.review_at)}"
      Effect    = "Allow"
      Action    = ["iam:PassRole", "ec2:RunInstances"]
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = each.value } }
    }]
  })
}

# Expires on the review day, as its name says.
resource "aws_iam_policy" "review" {
  name = "audit-until-${formatdate("YYYY-MM-DD", local.review_at)}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "cloudtrail:LookupEvents"
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = local.review_at } }
    }]
  })
}

# Two hours from the apply: the end is known only then, yet the grant is checked with it unknown.
resource "aws_iam_role_policy" "temporary" {
  name = "temporary-dispatch"
  role = aws_iam_role.responder.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "*"
      Condition = { DateLessThan = { "aws:CurrentTime" = try(timeadd(timestamp(), "2h"), "2000-01-01T00:00:00Z") } }
    }]
  })
}
