locals {
  agentcore_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  artifact_uri = "111122223333.dkr.ecr.us-east-1.amazonaws.com/agents:latest"
}

# Runtime whose execution role is an administrator.
resource "aws_iam_role" "ops_agent" {
  name               = "ops-agent"
  assume_role_policy = local.agentcore_trust
}

resource "aws_iam_role_policy_attachment" "ops_agent" {
  role       = aws_iam_role.ops_agent.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_bedrockagentcore_agent_runtime" "ops" {
  agent_runtime_name = "ops_agent"
  role_arn           = aws_iam_role.ops_agent.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = local.artifact_uri
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}

# Runtime whose execution role reads one table.
resource "aws_iam_role" "faq_agent" {
  name               = "faq-agent"
  assume_role_policy = local.agentcore_trust
}

resource "aws_iam_role_policy" "faq_agent" {
  name = "faq"
  role = aws_iam_role.faq_agent.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "arn:aws:dynamodb:us-east-1:111122223333:table/faq" }]
  })
}

resource "aws_bedrockagentcore_agent_runtime" "faq" {
  agent_runtime_name = "faq_agent"
  role_arn           = aws_iam_role.faq_agent.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = local.artifact_uri
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}

# Runs shell commands in the administrator runtime: its root shell holds the administrator role.
resource "aws_iam_user" "oncall" {
  name = "oncall"
}

resource "aws_iam_user_policy" "oncall" {
  name = "debug"
  user = aws_iam_user.oncall.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "bedrock-agentcore:InvokeAgentRuntimeCommand"
      Resource = aws_bedrockagentcore_agent_runtime.ops.agent_runtime_arn
    }]
  })
}

# Neighbour: the same in the FAQ runtime.
resource "aws_iam_user" "faq_maintainer" {
  name = "faq-maintainer"
}

resource "aws_iam_user_policy" "faq_maintainer" {
  name = "debug"
  user = aws_iam_user.faq_maintainer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "bedrock-agentcore:InvokeAgentRuntimeCommand"
      Resource = aws_bedrockagentcore_agent_runtime.faq.agent_runtime_arn
    }]
  })
}
