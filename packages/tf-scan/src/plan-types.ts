/** The parts of `terraform show -json` output that tf-scan reads (format_version 0.x and 1.x). */

/** A resource instance in `planned_values`, `prior_state.values` or a state's `values`. */
export interface PlanResource {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values?: Record<string, unknown> | null;
}

/** A module in a values tree. */
export interface PlanModule {
  readonly address?: string;
  readonly resources?: readonly PlanResource[];
  readonly child_modules?: readonly PlanModule[];
}

/** One entry of `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  /** The provider it is planned with, by its registry address (`registry.terraform.io/hashicorp/aws`). */
  readonly provider_name?: string;
  /** Set on the change of a deposed object (the key of that object), which shares the address of the current one. */
  readonly deposed?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: Record<string, unknown> | null;
    readonly after?: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown> | boolean;
    /** `true` where a value is sensitive; a redacted plan leaves such values out. */
    readonly after_sensitive?: Record<string, unknown> | boolean;
  };
}

/** A configuration expression: a constant, references, or (for function calls without references) neither. */
export interface Expression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** Expressions of a resource or block: attributes map to an expression, nested blocks to arrays of them. */
export type Expressions = Readonly<Record<string, Expression | readonly Expressions[] | undefined>>;

/** A resource declaration in `configuration`. */
export interface ConfigResource {
  readonly address: string;
  readonly mode?: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly expressions?: Expressions;
  /** The provider configuration it is planned with: `aws`, `aws.replica`, `module.x:aws`. */
  readonly provider_config_key?: string;
  /** Several configurations a resource may be planned with, instead of `provider_config_key`: written by hand (neither Terraform nor OpenTofu writes it). */
  readonly provider_config_keys?: readonly string[];
  readonly count_expression?: Expression;
  readonly for_each_expression?: Expression;
}

/** A module in `configuration`. */
export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Readonly<Record<string, ModuleCall>>;
  readonly outputs?: Readonly<Record<string, { readonly expression?: Expression }>>;
  readonly variables?: Readonly<Record<string, { readonly default?: unknown }>>;
}

/** A `module` block in `configuration`. */
export interface ModuleCall {
  readonly source?: string;
  /** An input's expression; `null` shows nothing of it, read as one only apply knows. */
  readonly expressions?: Readonly<Record<string, Expression | null>>;
  readonly module?: ConfigModule;
  readonly count_expression?: Expression;
  readonly for_each_expression?: Expression;
}

/** The whole document. */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly variables?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly planned_values?: { readonly root_module?: PlanModule };
  /** State output (`terraform show -json` without a plan file). */
  readonly values?: { readonly root_module?: PlanModule };
  readonly prior_state?: { readonly values?: { readonly root_module?: PlanModule } };
  readonly resource_changes?: readonly ResourceChange[];
  /** Changes Terraform deferred to a later plan (Terraform 1.10+, with deferral enabled). */
  readonly deferred_changes?: readonly { readonly reason?: string; readonly resource_change?: ResourceChange }[];
  /** Set when planning stopped at an error (Terraform 1.5+): changes may be missing. */
  readonly errored?: boolean;
  /** False when the plan leaves changes to a later plan (Terraform 1.8+: `-target`, deferred changes). */
  readonly complete?: boolean;
  readonly configuration?: {
    readonly provider_config?: Readonly<
      Record<string, { readonly name?: string; readonly full_name?: string; readonly expressions?: Expressions }>
    >;
    readonly root_module?: ConfigModule;
  };
}
