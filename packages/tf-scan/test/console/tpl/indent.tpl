  ${indent(2, jsonencode(tags))}
  ${name}  