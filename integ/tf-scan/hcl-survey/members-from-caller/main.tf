resource "aws_iam_user" "dana" {
  name = "dana"
}

resource "aws_iam_user" "eli" {
  name = "eli"
}

# dana joins through the module's variable; eli stays outside every group.
module "launchers" {
  source    = "./crew"
  crew_name = "launchers"
  members   = [aws_iam_user.dana.name]
}
