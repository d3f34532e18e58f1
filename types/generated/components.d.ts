import type { Schema, Struct } from '@strapi/strapi';

export interface ClinicCrmCoursePackage extends Struct.ComponentSchema {
  collectionName: 'components_clinic_crm_course_package';
  info: {
    description: 'N sessions sold together at a package price';
    displayName: 'Course package \u00B7 \u7642\u7A0B\u5957\u7D44';
    icon: 'layer';
  };
  attributes: {
    amount: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    code: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 64;
      }>;
    currency: Schema.Attribute.Enumeration<['TWD', 'HKD', 'CNY', 'USD']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'TWD'>;
    effectiveFrom: Schema.Attribute.Date;
    effectiveUntil: Schema.Attribute.Date;
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    note: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    sessions: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 100;
          min: 2;
        },
        number
      >;
  };
}

export interface ClinicCrmFeeItem extends Struct.ComponentSchema {
  collectionName: 'components_clinic_crm_fee_item';
  info: {
    description: 'One listed charge: included in the base price or an optional add-on';
    displayName: 'Fee item \u00B7 \u6536\u8CBB\u9805\u76EE';
    icon: 'priceTag';
  };
  attributes: {
    amount: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    code: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 64;
      }>;
    currency: Schema.Attribute.Enumeration<['TWD', 'HKD', 'CNY', 'USD']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'TWD'>;
    effectiveFrom: Schema.Attribute.Date;
    effectiveUntil: Schema.Attribute.Date;
    kind: Schema.Attribute.Enumeration<['included', 'add_on']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'included'>;
    label: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    minQuantity: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 1;
        },
        number
      > &
      Schema.Attribute.DefaultTo<1>;
    note: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    unit: Schema.Attribute.Enumeration<
      [
        'per_session',
        'per_area',
        'per_unit',
        'per_syringe',
        'per_course',
        'one_off',
      ]
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'per_session'>;
  };
}

export interface ClinicCrmFollowUpStep extends Struct.ComponentSchema {
  collectionName: 'components_clinic_crm_follow_up_step';
  info: {
    description: 'One step of the after-treatment follow-up ladder';
    displayName: 'Follow-up step \u00B7 \u56DE\u8A2A\u7BC0\u9EDE';
    icon: 'clock';
  };
  attributes: {
    channel: Schema.Attribute.Enumeration<['phone', 'message', 'visit']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'phone'>;
    code: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 16;
      }>;
    department: Schema.Attribute.Enumeration<
      ['front_desk', 'beautician', 'nurse', 'doctor', 'management']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'beautician'>;
    purpose: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'clinic-crm.course-package': ClinicCrmCoursePackage;
      'clinic-crm.fee-item': ClinicCrmFeeItem;
      'clinic-crm.follow-up-step': ClinicCrmFollowUpStep;
    }
  }
}
