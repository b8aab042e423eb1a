module "doc" {
  source = "./modules/doc"
}

resource "aws_iam_policy" "from_module" {
  name   = "from-module"
  policy = module.doc.json
}
