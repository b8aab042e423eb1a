# Reported: the operator role holds AdministratorAccess through the gated attachment.
module "operator" {
  source           = "./gated-role"
  service          = "operator"
  trusted_services = ["ec2.amazonaws.com"]
  attached_arns    = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

# Quiet: tracing only.
module "tracer" {
  source           = "./gated-role"
  service          = "tracer"
  trusted_services = ["lambda.amazonaws.com"]
  attached_arns    = ["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"]
}
