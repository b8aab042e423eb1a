grants = {
  empty = {
    actions   = []
    resources = ["*"]
  }
}
