data "aws_caller_identity" "current" {}

resource "aws_sqs_queue" "orders" {
  name = "orders"
}

resource "aws_sns_topic" "events" {
  name = "events"
}

# A policy module given its document as a string: the caller's jsonencode around a queue ARN.
module "orders_writer" {
  source = "./policy"
  name   = "orders-writer"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage", "sqs:PurgeQueue"], Resource = aws_sqs_queue.orders.arn }]
  })
}

# A queue module given a heredoc policy: open to everyone, its only condition on nothing.
module "inbox" {
  source = "./queue"
  name   = "inbox"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:eu-west-1:111122223333:inbox"
    },
    {
      "Effect": "Allow",
      "Principal": { "Service": "sns.amazonaws.com" },
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:eu-west-1:111122223333:inbox",
      "Condition": { "ArnEquals": { "aws:SourceArn": "${aws_sns_topic.events.arn}" } }
    }
  ]
}
POLICY
}

# The template provider's rendering, as older configurations write it.
data "template_file" "key_policy" {
  template = file("${path.module}/key-policy.json.tpl")
  vars = {
    account_id = "111122223333"
  }
}

resource "aws_kms_key" "data" {
  policy = data.template_file.key_policy.rendered
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# templatefile under path.module with the account known only after apply: a hole, not a wildcard.
resource "aws_iam_role_policy" "deployer" {
  role = aws_iam_role.deployer.id
  policy = templatefile("${path.module}/deployer.json.tpl", {
    account_id = data.aws_caller_identity.current.account_id
    prefix     = "shop"
  })
}

resource "aws_iam_role_policy_attachment" "deployer" {
  role       = aws_iam_role.deployer.name
  policy_arn = module.orders_writer.arn
}
