# A heredoc JSON policy built with `%{ for }` and `%{ if }` directives (strip markers `~` too), the
# statements joined by commas the directives place.
variable "buckets" {
  type    = list(string)
  default = ["logs", "reports"]
}

variable "allow_pass" {
  type    = bool
  default = true
}

locals {
  account = "111122223333"
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    }
  EOT
}

resource "aws_iam_role_policy" "read" {
  role   = aws_iam_role.app.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        %{~ for i, b in var.buckets ~}
        {
          "Sid": "Read${i}",
          "Effect": "Allow",
          "Action": ["s3:GetObject"],
          "Resource": "arn:aws:s3:::${b}/*"
        }%{ if i < length(var.buckets) - 1 },%{ endif }
        %{~ endfor ~}
        %{~ if var.allow_pass ~}
        ,{
          "Sid": "Pass",
          "Effect": "Allow",
          "Action": "iam:PassRole",
          "Resource": "arn:aws:iam::${local.account}:role/*"
        }
        %{~ endif ~}
      ]
    }
  EOT
}
