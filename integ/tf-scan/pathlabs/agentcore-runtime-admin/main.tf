variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  agentcore_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  runtime_actions = [
    "bedrock-agentcore:CreateAgentRuntime",
    "bedrock-agentcore:CreateAgentRuntimeEndpoint",
    "bedrock-agentcore:CreateWorkloadIdentity",
    "bedrock-agentcore:GetAgentRuntime",
  ]
}

# Execution role an AgentCore runtime may run as: administrator.
resource "aws_iam_role" "platform_agent" {
  name               = "platform-agent"
  assume_role_policy = local.agentcore_trust
}

resource "aws_iam_role_policy_attachment" "platform_agent_admin" {
  role       = aws_iam_role.platform_agent.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Deploys runtimes with that role, then runs shell commands in the ones it names `dev_*`.
resource "aws_iam_user" "agent_dev" {
  name = "agent-dev"
}

resource "aws_iam_user_policy" "agent_dev" {
  name = "agents"
  user = aws_iam_user.agent_dev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.platform_agent.arn },
      { Effect = "Allow", Action = local.runtime_actions, Resource = "*" },
      {
        Effect   = "Allow"
        Action   = "bedrock-agentcore:InvokeAgentRuntimeCommand"
        Resource = "arn:aws:bedrock-agentcore:us-east-1:${var.account_id}:runtime/dev_*"
      },
    ]
  })
}

# Neighbour: the same actions with an execution role that may only write its logs.
resource "aws_iam_role" "faq_agent" {
  name               = "faq-agent"
  assume_role_policy = local.agentcore_trust
}

resource "aws_iam_role_policy" "faq_agent" {
  name = "logs"
  role = aws_iam_role.faq_agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:us-east-1:${var.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*"
    }]
  })
}

resource "aws_iam_user" "agent_tester" {
  name = "agent-tester"
}

resource "aws_iam_user_policy" "agent_tester" {
  name = "agents"
  user = aws_iam_user.agent_tester.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = aws_iam_role.faq_agent.arn
        Condition = { StringEquals = { "iam:PassedToService" = "bedrock-agentcore.amazonaws.com" } }
      },
      { Effect = "Allow", Action = local.runtime_actions, Resource = "*" },
      {
        Effect   = "Allow"
        Action   = "bedrock-agentcore:InvokeAgentRuntimeCommand"
        Resource = "arn:aws:bedrock-agentcore:us-east-1:${var.account_id}:runtime/dev_*"
      },
    ]
  })
}
