/**
 * The shape of the input schema generated from the `.jsii` assembly (`npx projen schema:inputs`):
 * for every public type, what a value of it must look like at runtime.
 */

/** A type reference: a primitive name, a named type, or a collection. */
export type TypeRef =
  | 'string' | 'number' | 'boolean' | 'any' | 'json' | 'date'
  | { readonly ref: string }
  | { readonly array: TypeRef }
  | { readonly map: TypeRef }
  | { readonly union: readonly TypeRef[] };

/** A field of a struct, or a parameter. */
export interface FieldSchema {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly variadic?: boolean;
}

/** A struct (props interface): every field, with those of its base interfaces. */
export interface StructSchema {
  readonly kind: 'struct';
  readonly fields: readonly FieldSchema[];
  /** The library's interfaces this struct extends, directly or not. */
  readonly bases?: readonly string[];
  /** A struct of another package: checked only as an object. */
  readonly open?: boolean;
}

/** A class or behavioural interface: the members an instance has, its factories, its entry points. */
export interface ClassSchema {
  readonly kind: 'class' | 'interface';
  /** Instance members every value of this type has (methods and required properties). */
  readonly members: readonly string[];
  /** Static factories, named in messages (`Duration.seconds()`). */
  readonly factories?: readonly string[];
  /** Constructor parameters, when the constructor is public. */
  readonly init?: readonly FieldSchema[];
  /** Public methods (instance and static) declared by this class, with their parameters. */
  readonly methods?: { readonly [name: string]: { readonly static?: boolean; readonly params: readonly FieldSchema[] } };
}

/** An enum: its member names (the runtime values come from the enum object). */
export interface EnumSchema {
  readonly kind: 'enum';
  readonly members: readonly string[];
}

/** Any type, plus where it is exported from (for types of other packages). */
export type TypeSchema = (StructSchema | ClassSchema | EnumSchema) & { readonly module?: string };
